package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Start-up work on a Redis that stops answering for longer than the command timeout (2 s): it waits, it does not fail the start. */
class SlowRedisStartupTest extends IntegrationTest {

    @Autowired
    private BootstrapAdmin bootstrapAdmin;

    @Autowired
    private StringRedisTemplate blocking;

    @Test
    void theBootstrapAdminIsCreatedOnceRedisAnswersAgain() throws InterruptedException {
        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();
        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                blocking.execute((RedisCallback<Object>) connection -> connection.execute(
                        "DEBUG", "SLEEP".getBytes(StandardCharsets.US_ASCII), "4".getBytes(StandardCharsets.US_ASCII)));
            } catch (RuntimeException timedOut) {
                // the client gives up after 2 s; the server sleeps on
            }
        });
        // DEBUG SLEEP has reached the server once a PING goes unanswered: it answers nobody for 4 s
        long giveUp = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (answersWithin(Duration.ofMillis(200))) {
            assertThat(System.nanoTime()).as("Redis asleep within 3 s").isLessThan(giveUp);
        }

        long started = System.nanoTime();
        bootstrapAdmin.run(null); // before: failed with the first 2-second timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));

        sleeping.join();
        web.post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private boolean answersWithin(Duration limit) {
        return Boolean.TRUE.equals(redis.execute(connection -> connection.ping())
                .next()
                .timeout(limit)
                .map(pong -> true)
                .onErrorReturn(false)
                .block());
    }
}
