package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A read is tried again for a time, whatever each try costs: a failover answers {@code CLUSTERDOWN} at once for a
 * while, or lets commands wait out the command timeout, and either way the read must span it.
 */
class ReadRetryTest {

    private final ReadRetry retry = new ReadRetry(new ReadRetry.Settings(Duration.ofSeconds(7), Duration.ofSeconds(1)));

    @Test
    void aReadRefusedAtOnceIsTriedEverySecondForSevenSeconds() {
        Redis redis = new Redis(Duration.ZERO, 7);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(7))
                .verifyComplete();

        assertThat(redis.tries.get()).isEqualTo(8);
    }

    @Test
    void aReadWhoseTriesEachTimeOutIsStillTriedUntilSevenSecondsHavePassed() {
        // three tries of 2 s (the command timeout) and their pauses make 8 s: the third began at 6 s, within the 7
        Redis redis = new Redis(Duration.ofSeconds(2), 2);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(8))
                .verifyComplete();

        assertThat(redis.tries.get()).isEqualTo(3);
    }

    @Test
    void aReadAwayForLongerIsRefusedOnceNoTryBeginsWithinSevenSeconds() {
        Redis redis = new Redis(Duration.ofSeconds(2), Integer.MAX_VALUE);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(8))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        // tries begin at 0, 3 and 6 s; a fourth would begin at 9
        assertThat(redis.tries.get()).isEqualTo(3);
    }

    @Test
    void aWriteIsNeverTriedAgain() {
        Redis redis = new Redis(Duration.ZERO, 1);

        StepVerifier.create(retry.filter(
                        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/complaints")), redis))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        assertThat(redis.tries.get()).isEqualTo(1);
    }

    @Test
    void nothingIsTriedAgainWithinZero() {
        Redis redis = new Redis(Duration.ZERO, 1);
        ReadRetry never = new ReadRetry(new ReadRetry.Settings(Duration.ZERO, Duration.ofSeconds(1)));

        StepVerifier.create(never.filter(get(), redis))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        assertThat(redis.tries.get()).isEqualTo(1);
    }

    private static ServerWebExchange get() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/complaints/JZ0803-20261122-000001"));
    }

    /** The rest of the request: a Redis away for its first {@code failures} tries, each failing after {@code cost}. */
    private static final class Redis implements WebFilterChain {

        private final Duration cost;
        private final int failures;
        final AtomicInteger tries = new AtomicInteger();

        Redis(Duration cost, int failures) {
            this.cost = cost;
            this.failures = failures;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return Mono.defer(() -> {
                Mono<Void> answer = tries.incrementAndGet() <= failures
                        ? Mono.error(new RedisConnectionFailureException("Redis away"))
                        : Mono.empty();
                return cost.isZero() ? answer : Mono.delay(cost).then(answer);
            });
        }
    }
}
