package org.cityservice.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the scripts whose success a resident or staff member is told of, or that record work done once (a survey
 * sent, a deadline escalated), so that a master lost right after the answer loses none of them; and
 * {@linkplain #confirm confirms} what plain commands wrote, and what an earlier request wrote before a retry of it is
 * answered from it.
 *
 * <p>On a Redis Cluster whose master has replicas, the script runs on that master over a connection of this class's
 * own and is followed, on the same connection, by an {@code INCR} of the slot's {@code acks} counter and {@code WAIT}:
 * Redis counts the replicas holding everything this connection wrote, and the {@code INCR} makes that everything the
 * master holds now — the replication stream is in order — so a script that wrote nothing (a retry answered
 * "existing") still waits for what the first attempt wrote, and the numbers and counters other connections wrote
 * before are covered too. Fewer confirmations than {@link ReplicaAckProperties#replicas()} within the timeout answer
 * 503. {@code WAIT} blocks the connection it is sent on, so these writes have connections of their own, apart from
 * every read, several of them, so that one slow confirmation holds up only the writes queued behind it.
 *
 * <p>A replica counts while the cluster lists it, also when it is failing: a master whose only replica fell behind
 * refuses to acknowledge rather than risk the write — unavailability over loss. A master with no replica listed (the
 * embedded default, a cluster without replicas, a replica that just took over while its old master is away)
 * acknowledges on its own. A script refused with MOVED runs once more after the topology is re-read (the node did not
 * run it); one refused with ASK (its slot is being moved), or meeting a failover, answers 503.
 *
 * <p>The connections are the client's: the connection factory's shutdown closes them.
 */
@Component
public class AcknowledgedWrites {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedWrites.class);
    private static final LettuceExceptionConverter LETTUCE_ERRORS = new LettuceExceptionConverter();
    /** Errors are how a client learns of a failover first; the topology is re-read at most this often because of them. */
    private static final Duration REFRESH_SPACING = Duration.ofMillis(500);
    /** Connections per instance for these writes: a slow {@code WAIT} holds up only the writes behind it on its own. */
    private static final int CONNECTIONS = 4;

    private final ReactiveStringRedisTemplate redis;
    private final LettuceConnectionFactory connections;
    private final ReplicaAckProperties properties;
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - REFRESH_SPACING.toNanos());
    private final AtomicLong turn = new AtomicLong();
    private final AtomicReference<@Nullable OwnConnections> own = new AtomicReference<>();

    AcknowledgedWrites(
            ReactiveStringRedisTemplate redis, LettuceConnectionFactory connections, ReplicaAckProperties properties) {
        this.redis = redis;
        this.connections = connections;
        this.properties = properties;
    }

    /** As {@link ReactiveStringRedisTemplate#execute(RedisScript, List, List)}; the script answers a String or a Long. */
    public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<String> args) {
        if (!waiting()) {
            return redis.execute(script, keys, args);
        }
        return acknowledged(keys.get(0), commands -> {
                    String[] keyArray = keys.toArray(String[]::new);
                    String[] argArray = args.toArray(String[]::new);
                    ScriptOutputType output = outputOf(script);
                    return commands.<T>evalsha(script.getSha1(), output, keyArray, argArray)
                            .next()
                            .onErrorResume(
                                    RedisNoScriptException.class,
                                    missing -> commands.<T>eval(script.getScriptAsString(), output, keyArray, argArray)
                                            .next());
                })
                .flux();
    }

    /**
     * Waits until a replica holds everything written so far to {@code key}'s slot: after writes made of plain
     * commands, and before a repeated request is answered from what an earlier attempt wrote (that attempt may have
     * been answered 503 for want of a replica). Nothing on a single node.
     */
    public Mono<Void> confirm(String key) {
        if (!waiting()) {
            return Mono.empty();
        }
        return acknowledged(key, commands -> Mono.<Boolean>empty()).then();
    }

    private boolean waiting() {
        return properties.replicas() > 0 && connections.isClusterAware();
    }

    private interface Write<T> {
        Mono<T> on(RedisReactiveCommands<String, String> commands);
    }

    private <T> Mono<T> acknowledged(String key, Write<T> write) {
        String acks = acksKey(key);
        int slot = SlotHash.getSlot(key);
        Mono<T> once = Mono.defer(() -> ownConnection()).flatMap(connection -> onMaster(connection, slot, acks, write));
        return once.onErrorResume(
                        AcknowledgedWrites::moved, moved -> refreshTopology().then(once))
                .doOnError(AcknowledgedWrites::aSignOfFailover, error -> refreshTopologySoon())
                .onErrorMap(
                        AcknowledgedWrites::unavailable,
                        error -> new QueryTimeoutException(
                                "no master could take and confirm the write now: " + error.getMessage(), error))
                .onErrorMap(
                        error -> error instanceof RuntimeException && !(error instanceof DataAccessException),
                        error -> {
                            DataAccessException translated = LETTUCE_ERRORS.convert((Exception) error);
                            return translated != null ? translated : error;
                        });
    }

    private <T> Mono<T> onMaster(
            StatefulRedisClusterConnection<String, String> connection, int slot, String acks, Write<T> write) {
        Partitions partitions = connection.getPartitions();
        RedisClusterNode master = partitions.getMasterBySlot(slot);
        if (master == null) {
            return Mono.error(new QueryTimeoutException("no master serves slot " + slot));
        }
        int wanted = Math.min(properties.replicas(), replicasOf(partitions, master));
        return Mono.fromCompletionStage(connection.getConnectionAsync(master.getNodeId()))
                .flatMap(node -> {
                    RedisReactiveCommands<String, String> commands = node.reactive();
                    if (wanted == 0) {
                        return write.on(commands);
                    }
                    // an empty reply (nil) is acknowledged like any other
                    return write.on(commands)
                            .map(Reply::of)
                            .defaultIfEmpty(Reply.none())
                            // zip subscribes to both at once: INCR and WAIT go out together, one round trip
                            .flatMap(reply -> Mono.zip(
                                            commands.incr(acks),
                                            commands.waitForReplication(
                                                    wanted, properties.timeout().toMillis()),
                                            (counted, confirmed) -> confirmed)
                                    .flatMap(confirmed -> confirmed >= wanted
                                            ? Mono.justOrEmpty(reply.value())
                                            : Mono.error(notConfirmed(master, confirmed, wanted))));
                });
    }

    private record Reply<T>(@Nullable T value) {
        static <T> Reply<T> of(T value) {
            return new Reply<>(value);
        }

        static <T> Reply<T> none() {
            return new Reply<>(null);
        }
    }

    /** {@code <prefix>:{<tag>}:acks}: the counter every confirmation of a slot increments, in that slot. */
    static String acksKey(String key) {
        int open = key.indexOf('{');
        int close = key.indexOf('}', open + 1);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("an acknowledged write's key carries its hash tag: " + key);
        }
        return key.substring(0, close + 1) + ":acks";
    }

    /**
     * The connections of this instance's acknowledged writes, opened on first use with the client the connection
     * factory has now: a factory stopped and started again (a paused context) has a new client, and the old one took
     * its connections with it.
     */
    private record OwnConnections(
            RedisClusterClient client, List<Mono<StatefulRedisClusterConnection<String, String>>> opening) {

        static OwnConnections of(RedisClusterClient client, Mono<Void> sharedFirst) {
            return new OwnConnections(
                    client,
                    IntStream.range(0, CONNECTIONS)
                            .mapToObj(i -> sharedFirst
                                    .then(Mono.defer(
                                            () -> Mono.fromCompletionStage(client.connectAsync(StringCodec.UTF8))))
                                    .cache(
                                            connection -> Duration.ofMillis(Long.MAX_VALUE),
                                            error -> Duration.ZERO,
                                            () -> Duration.ZERO))
                            .toList());
        }
    }

    private Mono<StatefulRedisClusterConnection<String, String>> ownConnection() {
        RedisClusterClient client = clusterClient();
        OwnConnections current = own.get();
        if (current == null || current.client() != client) {
            OwnConnections fresh = OwnConnections.of(client, sharedReactiveConnection());
            current = own.compareAndSet(current, fresh) ? fresh : own.get();
        }
        List<Mono<StatefulRedisClusterConnection<String, String>>> opening =
                Objects.requireNonNull(current).opening();
        return opening.get((int) Math.floorMod(turn.getAndIncrement(), (long) opening.size()));
    }

    /**
     * Makes sure the factory's shared reactive connection is open before any of these connections is: the factory
     * opens it on first use while holding a lock, waiting for Lettuce's event loop to connect it, and a reply to one of
     * these writes continues on that event loop, often into the template — which would wait for the lock while the
     * connect waited for the event loop. Opened here on a thread that may wait; {@code close()} keeps the shared one.
     */
    private Mono<Void> sharedReactiveConnection() {
        ReactiveRedisConnectionFactory factory = connections;
        return Mono.fromRunnable(() -> factory.getReactiveConnection().close())
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private QueryTimeoutException notConfirmed(RedisClusterNode master, long confirmed, int wanted) {
        log.warn(
                "A write on {} was confirmed by {} of {} replicas within {}: answered as not done",
                master.getUri(),
                confirmed,
                wanted,
                properties.timeout());
        return new QueryTimeoutException(
                "a write was confirmed by " + confirmed + " of " + wanted + " replicas within " + properties.timeout());
    }

    private static int replicasOf(Partitions partitions, RedisClusterNode master) {
        int replicas = 0;
        for (RedisClusterNode node : partitions) {
            if (master.getNodeId().equals(node.getSlaveOf())) {
                replicas++;
            }
        }
        return replicas;
    }

    private static ScriptOutputType outputOf(RedisScript<?> script) {
        Class<?> type = script.getResultType();
        if (type == String.class) {
            return ScriptOutputType.VALUE;
        }
        if (type == Long.class) {
            return ScriptOutputType.INTEGER;
        }
        throw new IllegalArgumentException("an acknowledged write answers a String or a Long, not " + type);
    }

    /** MOVED: the node did not run the script, which may go again once the topology is re-read. */
    private static boolean moved(Throwable error) {
        return replyStartsWith(error, "MOVED");
    }

    /** Anything but an error of the script itself: a lost connection, a timeout, a slot no master serves, a replica. */
    private static boolean aSignOfFailover(Throwable error) {
        return !(error instanceof RedisCommandExecutionException) || unavailable(error);
    }

    /**
     * What no retry now would cure: a node gone or not yet known (a lost connection, an unknown partition), a slot
     * between masters or being moved, a master that became a replica between the script and its {@code WAIT}.
     */
    private static boolean unavailable(Throwable error) {
        if (error instanceof RedisCommandExecutionException) {
            return Stream.of("MOVED", "ASK", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "LOADING")
                            .anyMatch(word -> replyStartsWith(error, word))
                    || String.valueOf(error.getMessage()).contains("WAIT cannot be used with replica");
        }
        // a connection reset by a node that died comes as Netty's IOException, not wrapped
        return error instanceof RedisException || error instanceof IOException;
    }

    private static boolean replyStartsWith(Throwable error, String word) {
        return error instanceof RedisCommandExecutionException
                && error.getMessage() != null
                && error.getMessage().startsWith(word);
    }

    /** Re-reads the topology before a retry, unless that was done a moment ago (by this or another request). */
    private Mono<Void> refreshTopology() {
        long last = lastRefresh.get();
        if (System.nanoTime() - last < REFRESH_SPACING.toNanos()
                || !lastRefresh.compareAndSet(last, System.nanoTime())) {
            return Mono.empty();
        }
        return Mono.fromCompletionStage(clusterClient().refreshPartitionsAsync())
                .onErrorComplete();
    }

    private void refreshTopologySoon() {
        refreshTopology().subscribe();
    }

    private RedisClusterClient clusterClient() {
        return (RedisClusterClient) connections.getRequiredNativeClient();
    }
}
