package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.cityservice.redis.RedisKeys;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Our own opaque session tokens: 256 random bits, handed to the client once and stored only as their
 * SHA-256, so a copy of Redis opens no session. A session lives {@code app.identity.session-ttl}
 * after its last use.
 */
@Component
class Sessions {

    private static final RedisScript<String> OPEN = script("open-session");
    private static final RedisScript<String> CLOSE = script("close-session");

    /** What the client keeps: the token, and when it lapses if unused. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[token=…, expiresAt=" + expiresAt + "]";
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Sessions(ReactiveStringRedisTemplate redis, RedisKeys keys, IdentityProperties properties, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Issued> open(Caller caller) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = hash(token);
        return redis.execute(OPEN, List.of(sessionKey(hash), ownerKey(caller)),
                        List.of(caller.stored(), Long.toString(properties.sessionTtl().toSeconds()), hash))
                .then(Mono.fromSupplier(() -> new Issued(token, clock.instant().plus(properties.sessionTtl()))));
    }

    /** The caller behind a token, extending the session's life; empty if unknown or lapsed. */
    Mono<Caller> resolve(String token) {
        return redis.opsForValue().getAndExpire(sessionKey(hash(token)), properties.sessionTtl()).map(Caller::parse);
    }

    Mono<Void> close(String token, Caller caller) {
        String hash = hash(token);
        return redis.execute(CLOSE, List.of(sessionKey(hash), ownerKey(caller)), List.of(hash)).then();
    }

    /** The session set of an owner: deleting an account revokes every session in it. */
    String ownerKey(Caller caller) {
        return keys.key("identity", "sessions", caller.kind().name().toLowerCase(), caller.subject());
    }

    String sessionKeyPrefix() {
        return keys.key("identity", "session") + ":";
    }

    private String sessionKey(String hash) {
        return sessionKeyPrefix() + hash;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisScript<String> script(String name) {
        return RedisScript.of(new ClassPathResource("scripts/identity/" + name + ".lua"), String.class);
    }
}
