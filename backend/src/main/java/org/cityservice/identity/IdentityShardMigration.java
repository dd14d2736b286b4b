package org.cityservice.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisOutage;
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
import reactor.util.retry.Retry;

/**
 * Once per store, while the application starts and before it serves anyone: moves what an earlier version kept of
 * residents under the one tag {@code {identity}} into the identity shards ({@link IdentityKeys}). Profiles, openid
 * links, subscribe grants and their echo tallies are moved (each written only if its new key is free, confirmed by a
 * replica where there are replicas, then the old key deleted), so a start interrupted midway moves each once and
 * never writes an old value over a newer one; one instance moves at a time (a lock under {@code {identity}}), others
 * starting meanwhile wait for it. Residents' sessions are not moved
 * — a token says nothing of its owner's shard — but ended and logged as ended: the mini-program logs in again without
 * asking on its next request. Staff stay where they were. A marker, {@code {identity}:layout}, says it is done.
 * Instances of the earlier version must all be stopped first: they would go on writing the old keys.
 */
@Component
class IdentityShardMigration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(IdentityShardMigration.class);
    private static final RedisScript<Long> MOVE_IN = LuaScripts.load("redis/move-in", Long.class);
    private static final RedisScript<Long> RENEW = LuaScripts.load("redis/renew-lock", Long.class);
    private static final RedisScript<Long> RELEASE = LuaScripts.load("redis/release-lock", Long.class);
    static final String LAYOUT = "shards-" + IdentityKeys.SHARDS;
    private static final int BATCH = 500;
    private static final int CONCURRENCY = 16;
    private static final Duration LOCK_TTL = Duration.ofSeconds(30);

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
        // the marker is read within the start's deadline for Redis; the move itself may take minutes on a big store
        if (Boolean.TRUE.equals(startup.retrying("Identity shards", done()).block())) {
            return;
        }
        long started = System.nanoTime();
        migrate()
                .retryWhen(Retry.backoff(10, Duration.ofSeconds(1)).filter(RedisOutage::causes))
                .blockOptional()
                .ifPresent(moved -> log.info(
                        "Identity: moved into the shards {} residents, {} openid links, {} grant counts, {} echo"
                                + " tallies; ended {} resident sessions of the earlier layout (residents log in"
                                + " again); in {} ms",
                        moved.residents(),
                        moved.openids(),
                        moved.grants(),
                        moved.echoes(),
                        moved.sessionsEnded(),
                        (System.nanoTime() - started) / 1_000_000));
    }

    private Mono<Boolean> done() {
        return redis.hasKey(keys.global("layout"));
    }

    /**
     * Moves what the earlier layout left, unless the marker says it was done (empty then). One instance at a time:
     * another one starting meanwhile waits for the marker, as a move of an instance that read an old key before the
     * first finished could write it back after a resident changed or deleted what the first moved.
     */
    Mono<Moved> migrate() {
        return done().flatMap(done -> done ? Mono.<Moved>empty() : Mono.defer(this::migrateHoldingLock));
    }

    private Mono<Moved> migrateHoldingLock() {
        String lock = keys.global("layout-lock");
        String holder = UUID.randomUUID().toString();
        return redis.opsForValue().setIfAbsent(lock, holder, LOCK_TTL).flatMap(taken -> {
            if (!taken) {
                // another instance moves: wait for its marker, or for its lock to lapse (it stopped), then look again
                return Flux.interval(Duration.ofSeconds(1))
                        .concatMap(tick -> Mono.zip(done(), redis.hasKey(lock)))
                        .filter(state -> state.getT1() || !state.getT2())
                        .next()
                        .flatMap(state -> state.getT1() ? Mono.<Moved>empty() : migrate());
            }
            // the lease is renewed while the move runs; should it be lost (renewals failed for longer than the lease,
            // another instance took the lock), the move stops rather than run beside another
            Mono<Moved> lockLost = Flux.interval(LOCK_TTL.dividedBy(3), LOCK_TTL.dividedBy(3))
                    .concatMap(tick -> writes.execute(
                                    RENEW, List.of(lock), List.of(holder, Long.toString(LOCK_TTL.toMillis())))
                            .single()
                            .onErrorResume(error -> {
                                log.warn("Identity shards: lock not renewed this time ({})", error.toString());
                                return Mono.just(1L);
                            }))
                    .filter(renewed -> renewed == 0)
                    .next()
                    .then(Mono.error(() -> new IllegalStateException(
                            "Identity shards: the migration's lock was lost; it starts again")));
            Mono<Void> release =
                    writes.execute(RELEASE, List.of(lock), List.of(holder)).then();
            return Mono.firstWithSignal(
                            moveAll()
                                    .flatMap(moved -> redis.opsForValue()
                                            .set(keys.global("layout"), LAYOUT)
                                            .then(writes.confirm(keys.global("layout")))
                                            .thenReturn(moved)),
                            lockLost)
                    .flatMap(moved -> release.thenReturn(moved))
                    .onErrorResume(error -> release.onErrorComplete().then(Mono.error(error)));
        });
    }

    private Mono<Moved> moveAll() {
        return Mono.zip(
                        move("resident", "hash", keys::resident),
                        move("openid", "string", keys::openid),
                        move("grants", "hash", keys::grants),
                        move("grant-echo", "hash", keys::grantEcho))
                .flatMap(moved -> endResidentSessions()
                        .map(ended -> new Moved(moved.getT1(), moved.getT2(), moved.getT3(), moved.getT4(), ended)));
    }

    /** Every {@code {identity}:<name>:<suffix>}, of {@code type}, to where the new layout keeps it: how many. */
    private Mono<Long> move(String name, String type, UnaryOperator<String> newKey) {
        String prefix = keys.global(name) + ":";
        return legacyKeys(prefix)
                .flatMap(old -> moveOne(old, type, newKey.apply(old.substring(prefix.length()))), CONCURRENCY)
                .reduce(0L, Long::sum);
    }

    /** 1 once the old key was written in (or found there already) and deleted; 0 if it was gone meanwhile. */
    private Mono<Long> moveOne(String old, String type, String target) {
        return redis.type(old).flatMap(found -> {
            if (found.code().equals("none")) {
                return Mono.just(0L);
            }
            if (!found.code().equals(type)) {
                return Mono.error(new IllegalStateException(
                        old + " is a " + found.code() + ", not a " + type + ": not a key this migration knows"));
            }
            Mono<List<String>> value = type.equals("hash")
                    ? redis.<String, String>opsForHash()
                            .entries(old)
                            .concatMapIterable(entry -> List.of(entry.getKey(), entry.getValue()))
                            .collectList()
                    : redis.opsForValue().get(old).map(List::of);
            return value.filter(read -> !read.isEmpty())
                    .flatMap(read -> pttl(old).flatMap(ttl -> {
                        List<String> args = new ArrayList<>(List.of(type, Long.toString(ttl)));
                        args.addAll(read);
                        // the script's acknowledged run waits for a replica before the old key goes
                        return writes.execute(MOVE_IN, List.of(target), args).then();
                    }))
                    .then(redis.delete(old))
                    .thenReturn(1L);
        });
    }

    /** The key's time to live in ms, or -1 if it has none; empty if it lapsed or is lapsing (nothing to keep). */
    private Mono<Long> pttl(String key) {
        return redis.execute(connection ->
                        connection.keyCommands().pTtl(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8))))
                .next()
                .filter(ttl -> ttl == -1 || ttl > 0);
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
