package org.cityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.identity.IdentityTestAccess;
import org.cityservice.stats.StatsTestAccess;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.LegacyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * This version on a store the code of 332bd50 filled, one hash tag per domain ({@link LegacyStore}: alice's four
 * cases, two of them closed and surveyed by SMS and answered, the rates counted): the cases stay in the legacy home
 * and the surveys in the legacy shard, where every reader finds them and every step is written, beside new cases and
 * surveys in their districts' homes and shards; the counters are rebuilt per district once, to the same rates.
 */
class UpgradeFromOneTagLayoutTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String RECEIVED_BEFORE = "JZ20261123-000004";

    @Autowired
    private ApplicationContext context;

    private StatsTestAccess stats;

    @BeforeEach
    void theStoreOf332bd50() {
        clock.set(LocalDateTime.of(2026, 11, 23, 14, 0));
        LegacyStore.of332bd50().writeInto(redis);
        new IdentityTestAccess(context).migrate(); // as the first start does, before it serves
        stats = new StatsTestAccess(context);
    }

    @Test
    void theRatesCountedBeforeAreRebuiltPerDistrictOnceToTheSameFigures() {
        Map<String, Object> before = rates("subdistrict");
        assertThat(redis.hasKey("cs:{stats}:layout").block()).isFalse();

        assertThat(stats.pull()).isEqualTo(12); // 4 received, 3 responses, 2 closings, 1 send-back, 2 answers

        assertThat(rates("subdistrict")).isEqualTo(before);
        assertThat(redis.opsForValue().get("cs:{stats}:layout").block()).isEqualTo("by-district");
        assertThat(redis.keys("cs:{stats}:g0:*").collectList().block()).isEmpty();
        assertThat(stats.pull()).isZero();
    }

    @Test
    void theCasesAndSurveysOfBeforeServeOnBesideNewOnes() {
        stats.pull();
        WebTestClient alice = resident("alice");
        String fresh = reportBy(alice).file();
        assertThat(fresh).matches("JZ\\d{4}-20261123-000001");

        // her cases: the four of before, in the legacy home, and the new one in its district's home
        assertThat(read(alice, "/api/v1/complaints/mine")).containsEntry("total", 5);
        assertThat(redis.opsForHash().size("cs:{complaint}:cases").block()).isEqualTo(4);
        assertThat(redis.opsForHash().hasKey(caseKey(fresh, "cases"), fresh).block())
                .isTrue();
        assertThat(read(asAdmin(), "/api/v1/admin/complaints?status=RECEIVED")).containsEntry("total", 2);

        // a step on a case of before is written where it lives
        moveAsAdmin(RECEIVED_BEFORE, "REGISTER", "登记");
        assertThat(redis.opsForZSet()
                        .score("cs:{complaint}:by-status:REGISTERED", RECEIVED_BEFORE)
                        .block())
                .isNotNull();

        // the surveys of before: in the staff list and hers, from the legacy shard
        assertThat(read(asAdmin(), "/api/v1/admin/surveys")).containsEntry("total", 2);
        assertThat(alice.get()
                        .uri("/api/v1/surveys/mine")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBodyList(Map.class)
                        .returnResult()
                        .getResponseBody())
                .extracting(survey -> survey.get("status"))
                .containsExactlyInAnyOrder("ANSWERED", "ANSWERED");

        // and the rates go on counting, each event once
        assertThat(stats.pull()).isEqualTo(2); // the new case received, the old one responded to
        assertThat(cityRates()).containsEntry("received", 5).containsEntry("answered", 2);
    }

    private Map<String, Object> rates(String groupBy) {
        return read(asAdmin(), "/api/v1/admin/stats/rates?from=2026-11-23&to=2026-11-23&groupBy=" + groupBy);
    }

    /** A page read by {@code client}, answered 200. */
    private static Map<String, Object> read(WebTestClient client, String uri) {
        Map<String, Object> body = client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(body).as("the answer to %s", uri).isNotNull();
        return body;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cityRates() {
        return ((List<Map<String, Object>>) rates("city").get("rows")).get(0);
    }
}
