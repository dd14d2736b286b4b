package org.cityservice.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 api_keys, issued by an ADMIN to one integrator each. Only the key's SHA-256 is kept (a key is
 * 256 random bits, so a fast hash is as good as a slow one and costs nothing per request); the key
 * itself is shown once, when issued. Each key files at most {@code app.open311.max-per-hour} requests
 * per clock hour, counted in Redis. Keys live under the {@code open311} hash tag (docs/redis-keys.md).
 */
@Component
class ApiKeys {

    /** One integrator's key, as stored; {@code id} names it in the admin API and in its cases' reporter. */
    record ApiKey(String id, String name, Instant createdAt, String createdBy) {

        /** The stand-in reporter of this key's cases. */
        String reporterId() {
            return "open311-" + id;
        }
    }

    /** A key just issued: the only moment its secret is known. */
    record Issued(ApiKey key, String secret) {}

    private static final RedisScript<Long> ISSUE = LuaScripts.load("open311/issue-key", Long.class);
    private static final RedisScript<Long> REVOKE = LuaScripts.load("open311/revoke-key", Long.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Clock clock;
    private final Open311Properties properties;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            RedisKeys keys,
            JsonMapper json,
            Clock clock,
            Open311Properties properties) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    Mono<Issued> issue(String name, String createdBy) {
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String secret = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiKey key = new ApiKey(
                "k" + HexFormat.of().formatHex(idBytes),
                name,
                clock.instant().truncatedTo(ChronoUnit.SECONDS),
                createdBy);
        return writes.execute(
                        ISSUE,
                        List.of(keysKey(), idsKey()),
                        List.of(sha256(secret), key.id(), json.writeValueAsString(key)))
                .then(Mono.just(new Issued(key, secret)));
    }

    Flux<ApiKey> all() {
        return redis.<String, String>opsForHash()
                .values(idsKey())
                .collectList()
                .flatMapMany(hashes -> hashes.isEmpty()
                        ? Flux.empty()
                        : redis.<String, String>opsForHash()
                                .multiGet(keysKey(), hashes)
                                .flatMapIterable(found -> found))
                .filter(stored -> stored != null)
                .map(stored -> json.readValue(stored, ApiKey.class));
    }

    /** False when there was no such key. */
    Mono<Boolean> revoke(String id) {
        return writes.execute(REVOKE, List.of(keysKey(), idsKey()), List.of(id))
                .single()
                .map(n -> n == 1);
    }

    /** The key this secret is, or empty. */
    Mono<ApiKey> find(@Nullable String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Mono.empty();
        }
        return redis.<String, String>opsForHash()
                .get(keysKey(), sha256(secret.strip()))
                .map(stored -> json.readValue(stored, ApiKey.class));
    }

    /** Counts one request filed with {@code key}; over the hour's limit, 429 with {@code Retry-After} until the next hour. */
    Mono<Void> take(ApiKey key) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(TimeConfiguration.SHANGHAI);
        String counter = keys.key("open311", "rate", key.id(), HOUR.format(now));
        return redis.opsForValue()
                .increment(counter)
                .flatMap(
                        n -> n == 1 ? redis.expire(counter, Duration.ofHours(1)).thenReturn(n) : Mono.just(n))
                .flatMap(n -> {
                    if (n <= properties.maxPerHour()) {
                        return Mono.<Void>empty();
                    }
                    long wait = Math.max(
                            1,
                            Duration.between(
                                            now,
                                            now.truncatedTo(ChronoUnit.HOURS).plusHours(1))
                                    .toSeconds());
                    return Mono.error(new ApiException(
                            ProblemType.TOO_MANY_REQUESTS,
                            "This api_key may file " + properties.maxPerHour()
                                    + " service requests an hour; try again in " + wait + " s",
                            List.of(),
                            Map.of(ProblemWriter.RETRY_AFTER, wait)));
                });
    }

    private String keysKey() {
        return keys.key("open311", "keys");
    }

    private String idsKey() {
        return keys.key("open311", "key-ids");
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
