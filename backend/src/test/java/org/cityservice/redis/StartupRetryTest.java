package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisLoadingException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Start-up work waits out a Redis that is loading or slow, and only that, and only until the deadline. */
class StartupRetryTest {

    private final StartupRetry retry =
            new StartupRetry(new StartupRetry.Settings(Duration.ofSeconds(2), Duration.ofMillis(50)));

    @Test
    void aRedisStillLoadingItsAofOrTimingOutIsWaitedFor() {
        AtomicInteger tries = new AtomicInteger();
        Mono<String> work = Mono.defer(() -> switch (tries.incrementAndGet()) {
            case 1 -> Mono.error(new RedisLoadingException("LOADING Redis is loading the dataset in memory"));
            case 2 -> Mono.error(new QueryTimeoutException("Redis command timed out"));
            default -> Mono.just("done");
        });
        StepVerifier.create(retry.retrying("test", work)).expectNext("done").verifyComplete();
        assertThat(tries).hasValue(3);
    }

    @Test
    void anErrorWaitingCannotCureFailsAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        Mono<String> work = Mono.defer(() -> {
            tries.incrementAndGet();
            return Mono.error(new IllegalArgumentException("WRONGTYPE"));
        });
        StepVerifier.create(retry.retrying("test", work))
                .expectError(IllegalArgumentException.class)
                .verify();
        assertThat(tries).hasValue(1);
    }

    @Test
    void aRedisThatNeverComesStopsTheStartAtTheDeadline() {
        Mono<String> work = Mono.error(new RedisLoadingException("LOADING Redis is loading the dataset in memory"));
        StepVerifier.create(retry.retrying("Demo city", work))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Demo city")
                        .hasMessageContaining("app.redis.startup.deadline"))
                .verify(Duration.ofSeconds(10));
    }
}
