package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.cityservice.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where identity's keys live. Residents, their openid links, grants and sessions are spread over {@value #SHARDS}
 * hash tags, {@code {identity:000}} … {@code {identity:3ff}}, so that on a Redis Cluster they spread over the masters
 * (1,024 tags spread within a few per cent over any number of masters a province needs); staff accounts, staff
 * sessions and the log of ended sessions stay under {@code {identity}} (a few hundred staff; the log is one stream
 * every backend follows).
 *
 * <p>An openid's shard is taken from its SHA-256. A resident's shard is written in its id, the three hex digits after
 * {@code r-}, and a new resident is given its openid's shard, so the first login writes the link and the profile in
 * one slot. (Ids made before the shards were random hex: the same digits name their shard.) A resident session's
 * token names its owner's shard, {@code r.<shard>.<secret>}, so a request finds its session from the token alone and a
 * login writes the session and the owner's set in one slot; a forged shard only finds nothing. The number of shards
 * is part of the stored layout: changing it would lose every openid link.
 */
@Component
class IdentityKeys {

    static final int SHARDS = 1024;
    private static final String TAG = "identity";
    private static final Pattern SHARD = Pattern.compile("[0-3][0-9a-f]{2}");

    private final RedisKeys keys;

    IdentityKeys(RedisKeys keys) {
        this.keys = keys;
    }

    /** The shard of an openid, or of any id that does not name one. */
    static String shardOfOpenid(String openid) {
        byte[] digest = sha256Bytes(openid);
        return format(((digest[0] & 0xff) << 8 | (digest[1] & 0xff)) % SHARDS);
    }

    /** The shard a resident id names; an id that names none (a 12345 platform's, say) is placed as an openid is. */
    static String shardOfResident(String residentId) {
        String named = residentId.startsWith("r-") && residentId.length() >= 5 ? residentId.substring(2, 5) : "";
        return SHARD.matcher(named).matches() ? named : shardOfOpenid(residentId);
    }

    /** The shard a resident token names ({@code r.<shard>.<secret>}), or null if it names none. */
    static @Nullable String shardOfToken(String token) {
        if (token.length() < 7 || token.charAt(5) != '.') {
            return null;
        }
        String named = token.substring(2, 5);
        return SHARD.matcher(named).matches() ? named : null;
    }

    static String format(int shard) {
        return String.format("%03x", shard);
    }

    static String sha256(String value) {
        return HexFormat.of().formatHex(sha256Bytes(value));
    }

    private static byte[] sha256Bytes(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tag(String shard) {
        return TAG + ":" + shard;
    }

    String resident(String residentId) {
        return keys.key(tag(shardOfResident(residentId)), "resident", residentId);
    }

    String openid(String openid) {
        return keys.key(tag(shardOfOpenid(openid)), "openid", openid);
    }

    String grants(String residentId) {
        return keys.key(tag(shardOfResident(residentId)), "grants", residentId);
    }

    String grantEcho(String residentId) {
        return keys.key(tag(shardOfResident(residentId)), "grant-echo", residentId);
    }

    /** The answers of a resident's recent grant counts and spends, by operation id: a call run twice counts once. */
    String grantOperations(String residentId) {
        return keys.key(tag(shardOfResident(residentId)), "grant-ops", residentId);
    }

    /** An owner's record: a resident's profile, a staff member's account. */
    String record(Caller owner) {
        return owner.staff() ? keys.key(TAG, "staff", owner.subject()) : resident(owner.subject());
    }

    /** The set of an owner's session hashes: in the resident's shard, or with the staff. */
    String sessionSet(Caller owner) {
        return owner.staff()
                ? keys.key(TAG, "sessions", "staff", owner.subject())
                : keys.key(tag(shardOfResident(owner.subject())), "sessions", "resident", owner.subject());
    }

    /** A resident's session by the shard its token names, or a staff member's ({@code shard} null). */
    String session(@Nullable String shard, String tokenHash) {
        return keys.key(shard == null ? TAG : tag(shard), "session", tokenHash);
    }

    /** A session of a known owner: a resident's token names the resident's shard. */
    String session(Caller owner, String tokenHash) {
        return sessionPrefix(owner) + tokenHash;
    }

    /** What precedes the hash in the keys of an owner's sessions. */
    String sessionPrefix(Caller owner) {
        return (owner.staff() ? keys.key(TAG, "session") : keys.key(tag(shardOfResident(owner.subject())), "session"))
                + ":";
    }

    /**
     * Logins from one address in one minute: in the address's shard, as an openid is placed, so that the one count
     * every login takes spreads over the masters too.
     */
    String loginRate(String kind, String address, long minute) {
        return keys.key(tag(shardOfOpenid(address)), "login-rate", kind, address, Long.toString(minute));
    }

    /** Staff, their login throttles, the log of ended sessions. */
    String global(String... parts) {
        return keys.key(TAG, parts);
    }
}
