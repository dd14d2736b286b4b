package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.test.web.reactive.server.WebTestClient;

class ComplaintIntakeTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String EVENTS = "cs:{complaint}:events";

    private WebTestClient alice;

    @BeforeEach
    void aStationAndAResident() {
        clock.set(LocalDateTime.of(2026, 11, 22, 10, 0));
        asAdmin().post().uri("/api/v1/admin/stations").bodyValue(Map.of("name", "许衡街道社区城管服务站",
                        "address", "焦作市中站区北环路17号", "district", "中站区", "subdistrict", "许衡街道",
                        "location", Map.of("lat", 35.2400, "lng", 113.1680), "phone", "0391-4365773",
                        "hours", Map.of("MONDAY", List.of("08:30-12:00"))))
                .exchange().expectStatus().isCreated();
        alice = resident("alice");
    }

    @Test
    void theCategoriesComeFromConfigurationWithChineseNames() {
        web.get().uri("/api/v1/complaint-categories").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.code == 'street-vending')].name").isEqualTo(List.of("占道经营"))
                .jsonPath("$[?(@.code == 'manhole-covers')].group").isEqualTo(List.of("市政设施"))
                .jsonPath("$.length()").isEqualTo(21);
    }

    @Test
    void aReportBecomesACaseRoutedToTheNearestStationWithATrackingNumber() {
        Map<String, Object> created = alice.post().uri("/api/v1/complaints").bodyValue(aReport("人民路口有人占道卖水果"))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/complaints/JZ20261122-000001")
                .expectBody(JSON).returnResult().getResponseBody();

        assertThat(created).containsEntry("trackingNo", "JZ20261122-000001").containsEntry("status", "RECEIVED")
                .containsEntry("statusLabel", "已受理").containsEntry("categoryName", "占道经营")
                .containsEntry("stationName", "许衡街道社区城管服务站").containsEntry("subdistrict", "许衡街道")
                .containsEntry("createdAt", "2026-11-22T10:00:00+08:00");
        assertThat((List<?>) created.get("timeline")).hasSize(1);

        alice.post().uri("/api/v1/complaints").bodyValue(aReport("又有人占道")).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.trackingNo").isEqualTo("JZ20261122-000002");
        alice.get().uri("/api/v1/complaints/mine").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2).jsonPath("$.items[0].trackingNo").isEqualTo("JZ20261122-000002")
                .jsonPath("$.items[0].timeline").doesNotExist();
        alice.get().uri("/api/v1/complaints/JZ20261122-000001").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.description").isEqualTo("人民路口有人占道卖水果")
                .jsonPath("$.timeline[0].statusLabel").isEqualTo("已受理").jsonPath("$.timeline[0].by").isEqualTo("您");
    }

    @Test
    void everyNewCaseIsPublishedAsAReceivedEvent() {
        alice.post().uri("/api/v1/complaints").bodyValue(aReport("人民路口有人占道卖水果")).exchange().expectStatus().isCreated();

        List<MapRecord<String, Object, Object>> events = redis.opsForStream().range(EVENTS,
                org.springframework.data.domain.Range.unbounded()).collectList().block();
        assertThat(events).singleElement().satisfies(event -> assertThat(event.getValue())
                .containsEntry("type", "RECEIVED").containsEntry("trackingNo", "JZ20261122-000001")
                .containsEntry("category", "street-vending").containsEntry("district", "中站区"));
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyReturnsTheFirstCase() {
        alice.post().uri("/api/v1/complaints").header("Idempotency-Key", "retry-0001").bodyValue(aReport("占道经营"))
                .exchange().expectStatus().isCreated();
        alice.post().uri("/api/v1/complaints").header("Idempotency-Key", "retry-0001").bodyValue(aReport("占道经营"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.trackingNo").isEqualTo("JZ20261122-000001");

        alice.get().uri("/api/v1/complaints/mine").exchange().expectBody().jsonPath("$.total").isEqualTo(1);
        assertThat(redis.opsForStream().size(EVENTS).block()).isEqualTo(1);
    }

    @Test
    void theEleventhReportInAnHourIsRefusedUntilTheNextHour() {
        for (int i = 0; i < 10; i++) {
            alice.post().uri("/api/v1/complaints").bodyValue(aReport("第 " + i + " 条")).exchange().expectStatus().isCreated();
        }
        alice.post().uri("/api/v1/complaints").bodyValue(aReport("第 11 条")).exchange()
                .expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "3600")
                .expectBody().jsonPath("$.code").isEqualTo("too-many-requests");

        clock.set(LocalDateTime.of(2026, 11, 22, 11, 0));
        alice.post().uri("/api/v1/complaints").bodyValue(aReport("下一个小时")).exchange().expectStatus().isCreated();
    }

    @Test
    void onlyTheReporterReadsACase() {
        alice.post().uri("/api/v1/complaints").bodyValue(aReport("占道经营")).exchange().expectStatus().isCreated();
        WebTestClient bob = resident("bob");
        bob.get().uri("/api/v1/complaints/JZ20261122-000001").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
        bob.get().uri("/api/v1/complaints/mine").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        asAdmin().get().uri("/api/v1/complaints/JZ20261122-000001").exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/complaints").bodyValue(aReport("匿名")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void riskyTextIsRefusedAndNothingIsStored() {
        wechat.riskyWords("赌博");
        alice.post().uri("/api/v1/complaints").bodyValue(aReport("桥下有人聚众赌博")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("content-rejected");
        alice.get().uri("/api/v1/complaints/mine").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        assertThat(redis.hasKey("cs:{complaint}:cases").block()).isFalse();
    }

    @Test
    void badReportsListEveryBadFieldAndStoreNothing() {
        Map<String, Object> bad = new HashMap<>(Map.of("category", "street-vending", "description", "x".repeat(501),
                "location", Map.of("lat", 95, "lng", 113.17), "contactPhone", "12345"));
        alice.post().uri("/api/v1/complaints").bodyValue(bad).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'description')]").exists()
                .jsonPath("$.errors[?(@.field == 'location.lat')]").exists()
                .jsonPath("$.errors[?(@.field == 'contactPhone')]").exists();
        alice.post().uri("/api/v1/complaints").bodyValue(Map.of("category", "ufo", "description", "有飞碟",
                        "location", Map.of("lat", 35.24, "lng", 113.17))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("category");
        alice.post().uri("/api/v1/complaints").header("Idempotency-Key", "bad key!").bodyValue(aReport("占道")).exchange()
                .expectStatus().isBadRequest();
        assertThat(redis.hasKey("cs:{complaint}:cases").block()).isFalse();
    }

    @Test
    void aPlaceFarFromEveryStationStaysUnroutedForADispatcher() {
        Map<String, Object> far = Map.of("category", "broken-road", "description", "路面塌陷",
                "location", Map.of("lat", 34.75, "lng", 113.62)); // Zhengzhou, ~75 km away
        alice.post().uri("/api/v1/complaints").bodyValue(far).exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.stationName").doesNotExist().jsonPath("$.status").isEqualTo("RECEIVED");
        assertThat(redis.opsForZSet().size("cs:{complaint}:unrouted").block()).isEqualTo(1);
    }

    @Test
    void deletingTheAccountKeepsTheCaseForTheStatisticsWithoutThePhone() {
        Map<String, Object> withPhone = new HashMap<>(aReport("人民路口有人占道"));
        withPhone.put("contactPhone", "13812345678");
        alice.post().uri("/api/v1/complaints").bodyValue(withPhone).exchange().expectStatus().isCreated();
        assertThat((String) redis.opsForHash().get("cs:{complaint}:cases", "JZ20261122-000001").block()).contains("13812345678");

        alice.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();

        asAdmin().get().uri("/api/v1/admin/complaints/JZ20261122-000001").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.description").isEqualTo("人民路口有人占道").jsonPath("$.contactPhone").doesNotExist();
        assertThat((String) redis.opsForHash().get("cs:{complaint}:cases", "JZ20261122-000001").block()).doesNotContain("13812345678");
        assertThat(redis.keys("cs:{complaint}:by-resident:*").collectList().block()).isEmpty();
    }

    private static Map<String, Object> aReport(String description) {
        return Map.of("category", "street-vending", "description", description,
                "location", Map.of("lat", 35.2410, "lng", 113.1690), "address", "中站区人民路口");
    }

    private WebTestClient resident(String user) {
        String token = web.post().uri("/api/v1/auth/wechat-login").bodyValue(Map.of("code", wechat.loginCode(user))).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("token").toString();
        return web.mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }
}
