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
 * A read is tried again for a time after its first error, whatever each try costs: a failover answers
 * {@code CLUSTERDOWN} at once for a while, or lets commands wait out the command timeout and longer, and either way
 * the read must span it. An outage longer than a failover is answered at once.
 */
class ReadRetryTest {

    private final ReadRetry retry = retrying(Duration.ofSeconds(6));

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
    void aReadRefusedAtOnceIsTriedEverySecondForSixSeconds() {
        Redis redis = new Redis(Duration.ZERO, 6);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(6))
                .verifyComplete();

        assertThat(redis.tries.get()).isEqualTo(7);
    }

    @Test
    void theSixSecondsRunFromTheFirstErrorNotFromTheRequest() {
        // the first try's commands waited 5 s for a dead node; its retries still have their 6 s
        Redis redis = new Redis(Duration.ofSeconds(5), 3, Duration.ZERO);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(8))
                .verifyComplete();

        assertThat(redis.tries.get()).isEqualTo(4);
    }

    @Test
    void aReadAwayForLongerIsRefusedOnceNoTryBeginsWithinSixSecondsOfItsFirstError() {
        Redis redis = new Redis(Duration.ofSeconds(2), Integer.MAX_VALUE);

        StepVerifier.withVirtualTime(() -> retry.filter(get(), redis))
                .thenAwait(Duration.ofSeconds(8))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        // the first error at 2 s; tries begin at 0, 3 and 6 s, a fourth would begin at 9, after 8
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

        StepVerifier.create(retrying(Duration.ZERO).filter(get(), redis))
                .expectError(RedisConnectionFailureException.class)
                .verify();

        assertThat(redis.tries.get()).isEqualTo(1);
    }

    @Test
    void aReadWhoseAnswerBeganIsNotTriedAgain() {
        Redis redis = new Redis(Duration.ZERO, 1);

        StepVerifier.create(retry.filter(
                        get(), exchange -> exchange.getResponse().setComplete().then(redis.filter(exchange))))
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
    void redisAwayForTwiceAsLongAsAReadIsTriedAnswersReadsAfterOneTryUntilItsErrorsPause() {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        Redis away = new Redis(Duration.ZERO, Integer.MAX_VALUE);
        List<Throwable> refused = new ArrayList<>();

        // two readers one after the other, each tried for 6 s (from 0 and from 7 s)
        retry.filter(get(), away).subscribe(value -> {}, refused::add);
        time.advanceTimeBy(Duration.ofSeconds(7));
        retry.filter(get(), away).subscribe(value -> {}, refused::add);
        time.advanceTimeBy(Duration.ofSeconds(7));
        assertThat(away.tries.get()).isEqualTo(14);
        // 14 s of errors with no pause: the next reader is answered after one try
        retry.filter(get(), away).subscribe(value -> {}, refused::add);
        assertThat(away.tries.get()).isEqualTo(15);
        assertThat(refused).hasSize(3);

        // no error for longer than 6 s: Redis may well be back, and a read meeting it away is tried again
        time.advanceTimeBy(Duration.ofSeconds(7));
        Redis back = new Redis(Duration.ZERO, 1);
        AtomicInteger answered = new AtomicInteger();
        retry.filter(get(), back).subscribe(value -> {}, refused::add, answered::incrementAndGet);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(back.tries.get()).isEqualTo(2);
        assertThat(answered.get()).isEqualTo(1);
    }

    private static ServerWebExchange get() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/complaints/JZ0803-20261122-000001"));
    }

    /**
     * The rest of the request: a Redis away for its first {@code failures} tries, the first failing after
     * {@code first}, the others after {@code cost}.
     */
    private static final class Redis implements WebFilterChain {

        private final Duration first;
        private final Duration cost;
        private final int failures;
        final AtomicInteger tries = new AtomicInteger();

        Redis(Duration cost, int failures) {
            this(cost, failures, cost);
        }

        Redis(Duration first, int failures, Duration cost) {
            this.first = first;
            this.cost = cost;
            this.failures = failures;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return Mono.defer(() -> {
                int now = tries.incrementAndGet();
                Mono<Void> answer =
                        now <= failures ? Mono.error(new RedisConnectionFailureException("Redis away")) : Mono.empty();
                Duration wait = now == 1 ? first : cost;
                return wait.isZero() ? answer : Mono.delay(wait).then(answer);
            });
        }
    }
}
