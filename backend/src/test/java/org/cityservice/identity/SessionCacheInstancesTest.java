package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.OtherBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two backends on one Redis, each with its own session cache: a session resolved once is answered from memory (even
 * with its key gone from Redis behind the cache's back), and a session ended on one backend — logout, an account
 * disabled or deleted — is refused on the other within a second, as on the one that ended it at once.
 */
class SessionCacheInstancesTest extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final OtherBackend other = new OtherBackend();

    @Autowired
    private ApplicationContext application;

    @Autowired
    private SessionCache sessionCache;

    @Test
    void aResolvedSessionIsAnsweredFromMemoryWithoutItsKeyInRedis() {
        String token = residentToken("amy");
        // the store was emptied before this test: until the cache has heard that (and dropped everything), what it
        // holds may go at any moment
        untilTheCacheFollows();
        assertThat(status(web, "/api/v1/me", token)).isEqualTo(HttpStatus.OK);

        // behind the cache's back, not through a script that logs the end: only the cache can still know it
        assertThat(redis.keys("*:{identity:???}:session:*")
                        .flatMap(redis::delete)
                        .reduce(0L, Long::sum)
                        .block())
                .isOne();

        assertThat(status(web, "/api/v1/me", token)).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aLogoutHereIsRefusedHereAtOnceAndOnTheOtherBackendWithinASecond() {
        String token = residentToken("amy");
        WebTestClient there = otherBackend();
        assertThat(status(there, "/api/v1/me", token)).isEqualTo(HttpStatus.OK);
        assertThat(status(web, "/api/v1/me", token)).isEqualTo(HttpStatus.OK);

        as(token).post().uri("/api/v1/auth/logout").exchange().expectStatus().is2xxSuccessful();

        assertThat(status(web, "/api/v1/me", token)).isEqualTo(HttpStatus.UNAUTHORIZED);
        System.out.printf(
                "a logout answered on the other backend after %d ms%n", untilRefused(there, "/api/v1/me", token));
    }

    @Test
    void aDeletedResidentsSessionIsRefusedOnTheOtherBackendWithinASecond() {
        String token = residentToken("amy");
        WebTestClient there = otherBackend();
        assertThat(status(there, "/api/v1/me", token)).isEqualTo(HttpStatus.OK);

        as(token).delete().uri("/api/v1/me").exchange().expectStatus().is2xxSuccessful();

        System.out.printf(
                "an account deletion answered on the other backend after %d ms%n",
                untilRefused(there, "/api/v1/me", token));
    }

    @Test
    void aDisabledStaffAccountsSessionIsRefusedOnTheOtherBackendWithinASecond() {
        String token = staffToken("zhang", "DISPATCHER", "中站区", null);
        WebTestClient there = otherBackend();
        assertThat(status(there, "/api/v1/admin/me", token)).isEqualTo(HttpStatus.OK);

        asAdmin()
                .delete()
                .uri("/api/v1/admin/staff/zhang")
                .exchange()
                .expectStatus()
                .is2xxSuccessful();

        System.out.printf(
                "a disabled account answered on the other backend after %d ms%n",
                untilRefused(there, "/api/v1/admin/me", token));
    }

    /** Waits until this backend's cache has applied the revocations log as it stands; fails after a second. */
    private void untilTheCacheFollows() {
        long start = System.nanoTime();
        String stored = redis.opsForValue()
                .get("cs:{identity}:revocations:revision")
                .defaultIfEmpty("0")
                .block();
        while (sessionCache.revision() != Long.parseLong(stored)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the session cache follows the log")
                    .isLessThan(WITHIN);
            sleep();
        }
    }

    private WebTestClient otherBackend() {
        return other.client(application);
    }

    /** Milliseconds until {@code backend} refuses the token with a 401; fails after a second. */
    private static long untilRefused(WebTestClient backend, String path, String token) {
        long start = System.nanoTime();
        while (status(backend, path, token) != HttpStatus.UNAUTHORIZED) {
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the other backend still accepts the session")
                    .isLessThan(WITHIN);
            sleep();
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpStatus status(WebTestClient backend, String path, String token) {
        return HttpStatus.valueOf(backend.get()
                .uri(path)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .returnResult(Void.class)
                .getStatus()
                .value());
    }
}
