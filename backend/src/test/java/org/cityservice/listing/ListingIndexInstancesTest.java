package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.listing.Fixtures.CENTRE_LAT;
import static org.cityservice.listing.Fixtures.CENTRE_LNG;
import static org.cityservice.listing.Fixtures.aStation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.OtherBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two backends on one Redis, each with its own nearby index: a listing created, moved or deleted through the other
 * backend is answered by this one within a second, and a store emptied behind both backs is noticed as quickly. The
 * other backend is a second application in this JVM, on the test's embedded redis-server.
 */
class ListingIndexInstancesTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final OtherBackend other = new OtherBackend();

    @Autowired
    private ApplicationContext application;

    @Test
    void aChangeThroughTheOtherBackendIsAnsweredHereWithinASecond() {
        WebTestClient otherAdmin = other.asAdmin(application);

        var created = otherAdmin
                .post()
                .uri("/api/v1/admin/stations")
                .bodyValue(aStation("对面站", CENTRE_LAT, CENTRE_LNG))
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(StationView.class);
        String id = created.getResponseBody().blockFirst().id();
        String etag = created.getResponseHeaders().getETag();
        Duration seen = untilHere(names -> names.contains("对面站"));

        otherAdmin
                .put()
                .uri("/api/v1/admin/stations/" + id)
                .header(HttpHeaders.IF_MATCH, etag)
                .bodyValue(aStation("对面站(新址)", CENTRE_LAT + 0.001, CENTRE_LNG))
                .exchange()
                .expectStatus()
                .isOk();
        Duration moved = untilHere(names -> names.contains("对面站(新址)") && !names.contains("对面站"));

        otherAdmin
                .delete()
                .uri("/api/v1/admin/stations/" + id)
                .header(HttpHeaders.IF_MATCH, "\"2\"")
                .exchange()
                .expectStatus()
                .isNoContent();
        Duration deleted = untilHere(List::isEmpty);

        System.out.printf(
                "the other backend's change answered here after: created %d ms, moved %d ms, deleted %d ms%n",
                seen.toMillis(), moved.toMillis(), deleted.toMillis());
    }

    @Test
    void aStoreEmptiedBehindTheBackendsBackIsNoticedWithinASecond() {
        station("许衡街道站", "中站区", CENTRE_LAT, CENTRE_LNG);
        assertThat(namesHere()).containsExactly("许衡街道站");

        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();

        untilHere(List::isEmpty);
    }

    /** How long until this backend's nearby answer satisfies {@code wanted}; fails after a second. */
    private Duration untilHere(Predicate<List<String>> wanted) {
        long start = System.nanoTime();
        List<String> names = namesHere();
        while (!wanted.test(names)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("still answered %s", names)
                    .isLessThan(WITHIN);
            sleep();
            names = namesHere();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private List<String> namesHere() {
        return web.get()
                                .uri("/api/v1/stations/nearby?lat=" + CENTRE_LAT + "&lng=" + CENTRE_LNG
                                        + "&radius=2000")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JSON)
                                .returnResult()
                                .getResponseBody()
                                .get("items")
                        instanceof List<?> items
                ? items.stream()
                        .map(item -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) item).get("place")).get("name")))
                        .toList()
                : List.of();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
