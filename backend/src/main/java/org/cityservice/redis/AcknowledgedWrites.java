package org.cityservice.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the scripts whose success a resident or staff member is told of, or that record work done once (a survey
 * sent, a deadline escalated), so that a master lost right after the answer loses none of them.
 *
 * <p>On a Redis Cluster whose master has replicas, the script runs on that master's own connection and is followed
 * by {@code WAIT} on the same connection: Redis counts the replicas holding everything this connection wrote, and the
 * replication stream is in order, so the numbers and counters written before it by other connections are covered
 * too. Fewer confirmations than {@link ReplicaAckProperties#replicas()} within the timeout answer 503. {@code WAIT}
 * blocks the connection it is sent on, so these writes have a connection of their own, apart from every read.
 *
 * <p>A replica counts while the cluster lists it, also when it is failing: a master whose only replica fell behind
 * refuses to acknowledge rather than risk the write — unavailability over loss. A master with no replica listed (the
 * embedded default, a cluster without replicas, a replica that just took over while its old master is away)
 * acknowledges on its own.
 *
 * <p>The connection is the client's: the connection factory's shutdown closes it.
 */
@Component
public class AcknowledgedWrites {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedWrites.class);
    private static final LettuceExceptionConverter LETTUCE_ERRORS = new LettuceExceptionConverter();
    /** Errors are how a client learns of a failover first; the topology is re-read at most this often because of them. */
    private static final Duration REFRESH_SPACING = Duration.ofMillis(500);

    private final ReactiveStringRedisTemplate redis;
    private final LettuceConnectionFactory connections;
    private final ReplicaAckProperties properties;
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - REFRESH_SPACING.toNanos());
    private volatile @Nullable OwnConnection own;

    AcknowledgedWrites(
            ReactiveStringRedisTemplate redis, LettuceConnectionFactory connections, ReplicaAckProperties properties) {
        this.redis = redis;
        this.connections = connections;
        this.properties = properties;
    }

    /** As {@link ReactiveStringRedisTemplate#execute(RedisScript, List, List)}; the script answers a String or a Long. */
    public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<String> args) {
        if (properties.replicas() == 0 || !connections.isClusterAware()) {
            return redis.execute(script, keys, args);
        }
        ScriptOutputType output = outputOf(script);
        int slot = SlotHash.getSlot(keys.get(0));
        Mono<T> once = ownConnection().flatMap(connection -> onMaster(connection, slot, script, output, keys, args));
        return once.onErrorResume(
                        AcknowledgedWrites::redirected,
                        moved -> refreshTopology().then(once))
                .doOnError(AcknowledgedWrites::aSignOfFailover, error -> refreshTopologySoon())
                .onErrorMap(
                        error -> error instanceof RuntimeException && !(error instanceof DataAccessException),
                        error -> {
                            DataAccessException translated = LETTUCE_ERRORS.convert((Exception) error);
                            return translated != null ? translated : error;
                        })
                .flux();
    }

    /**
     * The connection of this instance's acknowledged writes, opened on first use with the client the connection
     * factory has now: a factory stopped and started again (a paused context) has a new client, and the old one took
     * its connections with it.
     */
    private record OwnConnection(
            RedisClusterClient client, Mono<StatefulRedisClusterConnection<String, String>> opening) {

        static OwnConnection of(RedisClusterClient client) {
            return new OwnConnection(
                    client,
                    Mono.defer(() -> Mono.fromCompletionStage(client.connectAsync(StringCodec.UTF8)))
                            .cache(
                                    connection -> Duration.ofMillis(Long.MAX_VALUE),
                                    error -> Duration.ZERO,
                                    () -> Duration.ZERO));
        }
    }

    private Mono<StatefulRedisClusterConnection<String, String>> ownConnection() {
        RedisClusterClient client = clusterClient();
        OwnConnection current = own;
        if (current == null || current.client() != client) {
            current = OwnConnection.of(client);
            own = current;
        }
        return current.opening();
    }

    private <T> Mono<T> onMaster(
            StatefulRedisClusterConnection<String, String> connection,
            int slot,
            RedisScript<T> script,
            ScriptOutputType output,
            List<String> keys,
            List<String> args) {
        Partitions partitions = connection.getPartitions();
        RedisClusterNode master = partitions.getMasterBySlot(slot);
        if (master == null) {
            return Mono.error(new QueryTimeoutException("no master serves slot " + slot));
        }
        int wanted = Math.min(properties.replicas(), replicasOf(partitions, master));
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return Mono.fromCompletionStage(connection.getConnectionAsync(master.getNodeId()))
                .flatMap(node -> {
                    var commands = node.reactive();
                    Mono<T> run = commands.<T>evalsha(script.getSha1(), output, keyArray, argArray)
                            .next()
                            .onErrorResume(
                                    RedisNoScriptException.class,
                                    missing -> commands.<T>eval(script.getScriptAsString(), output, keyArray, argArray)
                                            .next());
                    if (wanted == 0) {
                        return run;
                    }
                    // an empty reply (nil) is acknowledged like any other
                    return run.map(Reply::of)
                            .defaultIfEmpty(Reply.none())
                            .flatMap(reply -> commands.waitForReplication(
                                            wanted, properties.timeout().toMillis())
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

    /** MOVED or ASK: the node did not run the script, which may go again once the topology is re-read. */
    private static boolean redirected(Throwable error) {
        return error instanceof RedisCommandExecutionException redirect
                && redirect.getMessage() != null
                && (redirect.getMessage().startsWith("MOVED")
                        || redirect.getMessage().startsWith("ASK"));
    }

    /** Anything but an error of the script itself: a lost connection, a timeout, a slot no master serves, a replica. */
    private static boolean aSignOfFailover(Throwable error) {
        if (!(error instanceof RedisCommandExecutionException command)) {
            return true;
        }
        String message = command.getMessage();
        return message != null
                && Stream.of("CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "LOADING")
                        .anyMatch(message::startsWith);
    }

    private Mono<Void> refreshTopology() {
        lastRefresh.set(System.nanoTime());
        return Mono.fromCompletionStage(clusterClient().refreshPartitionsAsync())
                .onErrorComplete();
    }

    private void refreshTopologySoon() {
        long last = lastRefresh.get();
        if (System.nanoTime() - last >= REFRESH_SPACING.toNanos()
                && lastRefresh.compareAndSet(last, System.nanoTime())) {
            clusterClient().refreshPartitionsAsync();
        }
    }

    private RedisClusterClient clusterClient() {
        return (RedisClusterClient) connections.getRequiredNativeClient();
    }
}
