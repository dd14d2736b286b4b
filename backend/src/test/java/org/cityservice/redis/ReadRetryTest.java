package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A read is tried again for a time, whatever each try costs: a failover answers {@code CLUSTERDOWN} at once for a
 * while, or lets commands wait out the command timeout, and either way the read must span it.
 */
class ReadRetryTest {

    private final ReadRetry retry = retrying(Duration.ofSeconds(7));

    /** On the clock Mono.delay waits on: a test on virtual time moves both. */
    private static ReadRetry retrying(Duration within) {
        return new ReadRetry(
                new ReadRetry.Settings(within, Duration.ofSeconds(1)),
                () -> Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    }

    @AfterEach
    void realTimeAgain() {
        VirtualTimeScheduler.reset();
    }

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
        ReadRetry never = retrying(Duration.ZERO);

        StepVerifier.create(never.filter(get(), redis))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        assertThat(redis.tries.get()).isEqualTo(1);
    }

    @Test
    void aReadWhoseAnswerBeganIsNotTriedAgain() {
        Redis redis = new Redis(Duration.ZERO, 1);
        ServerWebExchange begun = get();

        StepVerifier.create(retry.filter(
                        begun, exchange -> exchange.getResponse().setComplete().then(redis.filter(exchange))))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        assertThat(redis.tries.get()).isEqualTo(1);
    }

    @Test
    void anErrorThatIsNoOutageIsNotTriedAgain() {
        AtomicInteger tries = new AtomicInteger();

        StepVerifier.create(retry.filter(
                        get(),
                        exchange -> Mono.defer(() -> {
                            tries.incrementAndGet();
                            return Mono.error(new IllegalArgumentException("a bad request"));
                        })))
                .expectError(IllegalArgumentException.class)
                .verify();

        assertThat(tries.get()).isEqualTo(1);
    }

    @Test
    void redisAwayForLongerThanAFailoverAnswersReadsAfterOneTryUntilItsErrorsPause() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        Redis away = new Redis(Duration.ZERO, Integer.MAX_VALUE);
        List<Throwable> answers = new ArrayList<>();

        // a reader tried for 7 s; one a second later is answered at once, after one try
        retry.filter(get(), away).subscribe(value -> {}, answers::add);
        time.advanceTimeBy(Duration.ofSeconds(8));
        assertThat(away.tries.get()).isEqualTo(8);
        retry.filter(get(), away).subscribe(value -> {}, answers::add);
        assertThat(away.tries.get()).isEqualTo(9);
        assertThat(answers).hasSize(2);

        // no error for longer than 7 s: Redis may well be back, and a read meeting it away is tried again
        time.advanceTimeBy(Duration.ofSeconds(8));
        Redis back = new Redis(Duration.ZERO, 1);
        AtomicInteger answered = new AtomicInteger();
        retry.filter(get(), back).subscribe(value -> {}, answers::add, answered::incrementAndGet);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(back.tries.get()).isEqualTo(2);
        assertThat(answered.get()).isEqualTo(1);
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
