package org.cityservice.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Once per store, while the application starts and before it serves anyone: moves what an earlier version kept of
 * residents under the one tag {@code {identity}} into the identity shards ({@link IdentityKeys}). Profiles, openid
 * links, subscribe grants and their echo tallies are moved (each written only if its new key is free, confirmed by a
 * replica where there are replicas, then the old key deleted), so a start interrupted midway, or two instances
 * starting together, move each once and never write an old value over a newer one. Residents' sessions are not moved
 * — a token says nothing of its owner's shard — but ended and logged as ended: the mini-program logs in again without
 * asking on its next request. Staff stay where they were. A marker, {@code {identity}:layout}, says it is done.
 * Instances of the earlier version must all be stopped first: they would go on writing the old keys.
 */
@Component
class IdentityShardMigration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(IdentityShardMigration.class);
    private static final RedisScript<Long> MOVE_IN = LuaScripts.load("redis/move-in", Long.class);
    static final String LAYOUT = "shards-" + IdentityKeys.SHARDS;
    private static final int BATCH = 500;
    private static final int CONCURRENCY = 16;

    /** What was moved or ended. */
    record Moved(long residents, long openids, long grants, long echoes, long sessionsEnded) {}

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final IdentityKeys keys;
    private final Sessions sessions;
    private final StartupRetry startup;

    IdentityShardMigration(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            IdentityKeys keys,
            Sessions sessions,
            StartupRetry startup) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.sessions = sessions;
        this.startup = startup;
    }

    @Override
    public void afterPropertiesSet() {
        startup.retrying("Identity shards", migrate()).blockOptional().ifPresent(moved -> {
            if (moved.residents() + moved.openids() + moved.sessionsEnded() > 0) {
                log.info(
                        "Identity: moved into the shards {} residents, {} openid links, {} grant counts, {} echo"
                                + " tallies; ended {} resident sessions of the earlier layout (residents log in again)",
                        moved.residents(),
                        moved.openids(),
                        moved.grants(),
                        moved.echoes(),
                        moved.sessionsEnded());
            }
        });
    }

    /** Moves what the earlier layout left, unless the marker says it was done: empty then. */
    Mono<Moved> migrate() {
        String marker = keys.global("layout");
        return redis.opsForValue()
                .get(marker)
                .map(layout -> Boolean.FALSE)
                .defaultIfEmpty(Boolean.TRUE)
                .filter(due -> due)
                .flatMap(due -> Mono.zip(
                                move("resident", keys::resident),
                                move("openid", keys::openid),
                                move("grants", keys::grants),
                                move("grant-echo", keys::grantEcho))
                        .flatMap(moved -> endResidentSessions()
                                .map(ended ->
                                        new Moved(moved.getT1(), moved.getT2(), moved.getT3(), moved.getT4(), ended))))
                .flatMap(moved -> redis.opsForValue()
                        .set(marker, LAYOUT)
                        .then(writes.confirm(marker))
                        .thenReturn(moved));
    }

    /** Every {@code {identity}:<name>:<suffix>} to where the new layout keeps it: how many were written there. */
    private Mono<Long> move(String name, UnaryOperator<String> newKey) {
        String prefix = keys.global(name) + ":";
        return legacyKeys(prefix)
                .flatMap(
                        old -> moveOne(old, newKey.apply(old.substring(prefix.length())))
                                .then(redis.delete(old))
                                .thenReturn(1L),
                        CONCURRENCY)
                .reduce(0L, Long::sum);
    }

    private Mono<Long> moveOne(String old, String target) {
        return redis.type(old).flatMap(type -> switch (type.code()) {
            case "hash" ->
                redis.<String, String>opsForHash().entries(old).collectList().flatMap(entries -> {
                    List<String> fields = new ArrayList<>();
                    for (Map.Entry<String, String> entry : entries) {
                        fields.add(entry.getKey());
                        fields.add(entry.getValue());
                    }
                    return writeIn(old, target, "hash", fields);
                });
            case "string" ->
                redis.opsForValue().get(old).flatMap(value -> writeIn(old, target, "string", List.of(value)));
            default -> Mono.just(0L); // gone meanwhile (moved by another instance)
        });
    }

    private Mono<Long> writeIn(String old, String target, String type, List<String> value) {
        // Spring's reading of PTTL: zero for a key without a time to live, empty for a key that lapsed meanwhile
        return redis.getExpire(old)
                .flatMap(ttl -> {
                    List<String> args =
                            new ArrayList<>(List.of(type, Long.toString(ttl.isZero() ? -1 : ttl.toMillis())));
                    args.addAll(value);
                    return writes.execute(MOVE_IN, List.of(target), args)
                            .single()
                            .flatMap(written -> writes.confirm(target).thenReturn(written));
                })
                .defaultIfEmpty(0L);
    }

    /** The earlier layout's resident sessions and session sets: deleted, and the sessions logged as ended. */
    private Mono<Long> endResidentSessions() {
        String prefix = keys.global("session") + ":";
        Mono<Long> sessionsEnded = legacyKeys(prefix)
                .flatMap(
                        key -> redis.opsForValue()
                                .get(key)
                                .filter(stored -> stored.startsWith(Caller.Kind.RESIDENT.name() + " "))
                                .flatMap(stored -> redis.delete(key).thenReturn(key.substring(prefix.length()))),
                        CONCURRENCY)
                .buffer(BATCH)
                .concatMap(hashes -> sessions.logEnded(hashes).thenReturn((long) hashes.size()))
                .reduce(0L, Long::sum);
        Mono<Long> setsDeleted = legacyKeys(keys.global("sessions", "resident") + ":")
                .buffer(BATCH)
                .concatMap(sets -> redis.delete(Flux.fromIterable(sets)))
                .reduce(0L, Long::sum);
        return sessionsEnded.flatMap(ended -> setsDeleted.thenReturn(ended));
    }

    private Flux<String> legacyKeys(String prefix) {
        return redis.scan(
                ScanOptions.scanOptions().match(prefix + "*").count(BATCH).build());
    }
}
