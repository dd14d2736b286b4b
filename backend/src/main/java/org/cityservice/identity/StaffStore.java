package org.cityservice.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StoredFields;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Staff accounts, under the {@code identity} hash tag (docs/redis-keys.md); their password guesses
 * are counted by {@link LoginThrottle}. Accounts are disabled, never deleted, so what they did stays
 * attributable.
 */
@Component
class StaffStore {

    private static final RedisScript<Long> CREATE = LuaScripts.load("identity/create-staff", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final IdentityKeys keys;
    private final Clock clock;

    StaffStore(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, IdentityKeys keys, Clock clock) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.clock = clock;
    }

    /** @return false if the username is taken */
    Mono<Boolean> create(StaffAccount account) {
        return writes.execute(
                        CREATE,
                        List.of(accountKey(account.username()), indexKey()),
                        List.of(
                                account.username(),
                                account.displayName(),
                                account.role().name(),
                                nullToEmpty(account.district()),
                                nullToEmpty(account.stationId()),
                                account.passwordHash(),
                                Long.toString(account.createdAt().toEpochMilli())))
                .single()
                .map(created -> created == 1);
    }

    Mono<StaffAccount> find(String username) {
        return redis.<String, String>opsForHash()
                .entries(accountKey(username))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> !fields.isEmpty())
                .map(StaffStore::account);
    }

    Mono<Long> count() {
        return redis.opsForZSet().size(indexKey());
    }

    Flux<StaffAccount> page(long offset, int size) {
        return redis.opsForZSet()
                .range(indexKey(), Range.closed(offset, offset + size - 1))
                .flatMapSequential(this::find); // one pipelined burst, not a round trip per account
    }

    Mono<Void> setPassword(String username, String passwordHash) {
        return redis.opsForHash()
                .put(accountKey(username), "passwordHash", passwordHash)
                .then(writes.confirm(accountKey(username)));
    }

    Mono<Void> disable(String username) {
        return redis.opsForHash().put(accountKey(username), "enabled", "0").then(writes.confirm(accountKey(username)));
    }

    Instant now() {
        return clock.instant();
    }

    private static StaffAccount account(Map<String, String> f) {
        return new StaffAccount(
                StoredFields.required(f, "username"),
                StoredFields.required(f, "displayName"),
                Caller.Kind.valueOf(StoredFields.required(f, "role")),
                emptyToNull(f.get("district")),
                emptyToNull(f.get("stationId")),
                StoredFields.required(f, "passwordHash"),
                "1".equals(f.get("enabled")),
                Instant.ofEpochMilli(Long.parseLong(StoredFields.required(f, "createdAt"))));
    }

    private String accountKey(String username) {
        return keys.global("staff", username);
    }

    private String indexKey() {
        return keys.global("staff-index");
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
