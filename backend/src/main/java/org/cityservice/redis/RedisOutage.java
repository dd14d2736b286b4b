package org.cityservice.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * The errors of a Redis that is away for a moment, not of a request that is wrong: no connection, a command timed
 * out, a connection reset by a node that died (Netty's IOException, wrapped or not), or what a Redis Cluster answers
 * while a failover is under way — no master for the slot yet, a node that has just become a replica, one still
 * loading its data. Answered 503 with {@code Retry-After}; a read is tried again first ({@link ReadRetry}).
 */
public final class RedisOutage {

    private RedisOutage() {}

    public static boolean causes(Throwable error) {
        return causedBy(error, RedisConnectionFailureException.class)
                || causedBy(error, QueryTimeoutException.class)
                // Lettuce's own, where a reply reaches us untranslated (a hash read as a Flux)
                || causedBy(error, RedisConnectionException.class)
                || causedBy(error, RedisCommandTimeoutException.class)
                || connectionReset(error)
                || betweenMasters(error);
    }

    /**
     * A connection reset by a node that died: Netty's IOException, raw or wrapped. Not any IOException: a photo the
     * disk cannot read is no Redis outage, and must not be tried again nor answered as one.
     */
    private static boolean connectionReset(Throwable error) {
        IOException io = findCause(error, IOException.class);
        return io != null && io.getClass().getName().startsWith("io.netty.");
    }

    private static boolean betweenMasters(Throwable error) {
        RedisCommandExecutionException refused = findCause(error, RedisCommandExecutionException.class);
        String message = refused == null ? null : refused.getMessage();
        return message != null
                && Stream.of("CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "LOADING")
                        .anyMatch(message::startsWith);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return findCause(error, type) != null;
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
