package org.cityservice.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Work the application does against Redis while it starts (the bootstrap admin, the demo city): a
 * Redis that is slow (a busy disk under {@code appendfsync always}), not up yet, or still loading its
 * AOF ({@code LOADING}) is waited for, with backoff, until {@code app.redis.startup.deadline}, instead
 * of the start failing on the first 2-second timeout. The start is not finished meanwhile, so
 * readiness stays DOWN; only an error that waiting cannot cure, or the deadline, stops it.
 */
@Component
public class StartupRetry {

    private static final Logger log = LoggerFactory.getLogger(StartupRetry.class);

    /**
     * @param deadline   how long the start waits for Redis in all
     * @param maxBackoff the longest pause between two tries
     */
    @ConfigurationProperties("app.redis.startup")
    public record Settings(
            @DefaultValue("5m") Duration deadline,
            @DefaultValue("5s") Duration maxBackoff) {}

    private final Settings settings;

    StartupRetry(Settings settings) {
        this.settings = settings;
    }

    /** {@code work}, tried again while Redis is slow, away or loading, until the deadline. */
    public <T> Mono<T> retrying(String what, Mono<T> work) {
        return work.retryWhen(Retry.backoff(Long.MAX_VALUE, first())
                        .maxBackoff(settings.maxBackoff())
                        .filter(StartupRetry::waitingHelps)
                        .doBeforeRetry(signal -> log.warn(
                                "{}: Redis not ready ({}), try {} again shortly",
                                what,
                                signal.failure().toString(),
                                signal.totalRetries() + 2)))
                .timeout(
                        settings.deadline(),
                        Mono.error(() -> new IllegalStateException(
                                what + ": Redis was not ready within app.redis.startup.deadline (" + settings.deadline()
                                        + ")")));
    }

    private Duration first() {
        Duration first = Duration.ofMillis(200);
        return settings.maxBackoff().compareTo(first) < 0 ? settings.maxBackoff() : first;
    }

    /** Slow, unreachable or loading: the kinds of trouble that pass. */
    static boolean waitingHelps(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisLoadingException
                    || cause instanceof RedisCommandTimeoutException
                    || cause instanceof RedisConnectionException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof RedisConnectionFailureException
                    || (cause.getMessage() != null && cause.getMessage().startsWith("LOADING"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
