package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cityservice.redis.RedisKeys;
import org.springframework.stereotype.Component;

/**
 * Where identity's keys live. Residents, their openid links, grants and sessions are spread over {@value #SHARDS}
 * hash tags, {@code {identity:00}} … {@code {identity:3f}}, so that on a Redis Cluster they spread over the masters;
 * staff accounts, staff sessions and the log of ended sessions stay under {@code {identity}} (a few hundred staff;
 * the log is one stream every backend follows). The shard of a string is the low six bits of the first byte of its
 * SHA-256: an openid's link lives in the openid's shard, a resident's keys in the resident id's, a session in its
 * token hash's. A new resident's id and a new resident session's token are drawn until they fall in the shard of
 * the openid, so a first login (link and profile) and a login (session and the owner's session set) each touch
 * one slot — and any request finds its keys from the id or the token alone. The number of shards is part of the
 * stored layout: changing it would lose every link.
 */
@Component
class IdentityKeys {

    static final int SHARDS = 64;
    private static final String TAG = "identity";

    private final RedisKeys keys;

    IdentityKeys(RedisKeys keys) {
        this.keys = keys;
    }

    /** The shard (0 … {@value #SHARDS} - 1) of an openid, a resident id or a session token. */
    static int shard(String value) {
        return shardOfHash(sha256(value));
    }

    /** The shard of a string from its SHA-256 in hex, as a session key holds it. */
    static int shardOfHash(String sha256Hex) {
        return Integer.parseInt(sha256Hex.substring(0, 2), 16) % SHARDS;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shardTag(int shard) {
        return TAG + ":" + HexFormat.of().toHexDigits((byte) shard);
    }

    String resident(String residentId) {
        return keys.key(shardTag(shard(residentId)), "resident", residentId);
    }

    String openid(String openid) {
        return keys.key(shardTag(shard(openid)), "openid", openid);
    }

    String grants(String residentId) {
        return keys.key(shardTag(shard(residentId)), "grants", residentId);
    }

    String grantEcho(String residentId) {
        return keys.key(shardTag(shard(residentId)), "grant-echo", residentId);
    }

    /** The set of an owner's session hashes: in the resident's shard, or with the staff. */
    String sessionSet(Caller owner) {
        return owner.staff()
                ? keys.key(TAG, "sessions", "staff", owner.subject())
                : keys.key(shardTag(shard(owner.subject())), "sessions", "resident", owner.subject());
    }

    /** A session by the hash of its token, owner unknown: a resident's lives in the hash's shard. */
    String session(String tokenHash, boolean staff) {
        return (staff ? keys.key(TAG, "session") : keys.key(shardTag(shardOfHash(tokenHash)), "session")) + ":"
                + tokenHash;
    }

    /** A session of a known owner: the hash's shard and the owner's are one ({@link Sessions} draws it so). */
    String session(Caller owner, String tokenHash) {
        return sessionPrefix(owner) + tokenHash;
    }

    /** What precedes the hash in the keys of an owner's sessions. */
    String sessionPrefix(Caller owner) {
        return (owner.staff() ? keys.key(TAG, "session") : keys.key(shardTag(shard(owner.subject())), "session")) + ":";
    }

    /** Staff, their login throttles and the log of ended sessions. */
    String global(String... parts) {
        return keys.key(TAG, parts);
    }
}
