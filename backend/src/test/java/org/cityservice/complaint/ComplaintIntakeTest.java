package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.test.web.reactive.server.WebTestClient;

class ComplaintIntakeTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String EVENTS = "cs:{complaint:0803}:events";

    private WebTestClient alice;

    @BeforeEach
    void aStationAndAResident() {
        clock.set(LocalDateTime.of(2026, 11, 22, 10, 0));
        asAdmin()
                .post()
                .uri("/api/v1/admin/stations")
                .bodyValue(Map.of(
                        "name",
                        "许衡街道社区城管服务站",
                        "address",
                        "焦作市中站区北环路17号",
                        "district",
                        "中站区",
                        "subdistrict",
                        "许衡街道",
                        "location",
                        Map.of("lat", 35.2400, "lng", 113.1680),
                        "phone",
                        "0391-4365773",
                        "hours",
                        Map.of("MONDAY", List.of("08:30-12:00"))))
                .exchange()
                .expectStatus()
                .isCreated();
        alice = resident("alice");
    }

    @Test
    void eachDistrictNumbersItsOwnCasesAndACaseNoStationTookIsNumberedUnrouted() {
        station("焦南街道社区城管服务站", "解放区", 35.2400, 113.2600);

        assertThat(reportBy(alice).withLocation(35.2400, 113.1690).file()).isEqualTo("JZ0803-20261122-000001");
        assertThat(reportBy(alice).withLocation(35.2400, 113.2590).file()).isEqualTo("JZ0802-20261122-000001");
        assertThat(reportBy(alice).withLocation(35.2400, 113.1690).file()).isEqualTo("JZ0803-20261122-000002");
        // 60 km west of both: no station takes it, a dispatcher routes it by hand
        assertThat(reportBy(alice).withLocation(35.2400, 112.5000).file()).isEqualTo("JZ0000-20261122-000001");
        alice.get()
                .uri("/api/v1/complaints/JZ0802-20261122-000001")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stationName")
                .isEqualTo("焦南街道社区城管服务站");
    }

    @Test
    void aStationInADistrictNotRegisteredIsRefusedNamingTheRegisteredOnes() {
        stationIn("焦作新区")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("district")
                .jsonPath("$.errors[0].message")
                .value(message ->
                        assertThat((String) message).startsWith("未登记的区县「焦作新区」").contains("解放区、中站区"));
    }

    private WebTestClient.ResponseSpec stationIn(String district) {
        return asAdmin()
                .post()
                .uri("/api/v1/admin/stations")
                .bodyValue(Map.of(
                        "name",
                        "某街道社区城管服务站",
                        "address",
                        "焦作市" + district,
                        "district",
                        district,
                        "subdistrict",
                        "某街道",
                        "location",
                        Map.of("lat", 35.2400, "lng", 113.2600),
                        "phone",
                        "0391-4365773",
                        "hours",
                        Map.of("MONDAY", List.of("08:30-12:00"))))
                .exchange();
    }

    @Test
    void theCategoriesComeFromConfigurationWithChineseNames() {
        web.get()
                .uri("/api/v1/complaint-categories")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.code == 'street-vending')].name")
                .isEqualTo(List.of("占道经营"))
                .jsonPath("$[?(@.code == 'manhole-covers')].group")
                .isEqualTo(List.of("市政设施"))
                .jsonPath("$.length()")
                .isEqualTo(21);
    }

    @Test
    void aReportBecomesACaseRoutedToTheNearestStationWithATrackingNumber() {
        Map<String, Object> created = reportBy(alice)
                .withCategory("street-vending")
                .withDescription("人民路口有人占道卖水果")
                .submit()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches("Location", "/api/v1/complaints/JZ0803-20261122-000001")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(created)
                .containsEntry("trackingNo", "JZ0803-20261122-000001")
                .containsEntry("status", "RECEIVED")
                .containsEntry("statusLabel", "已受理")
                .containsEntry("categoryName", "占道经营")
                .containsEntry("stationName", "许衡街道社区城管服务站")
                .containsEntry("subdistrict", "许衡街道")
                .containsEntry("createdAt", "2026-11-22T10:00:00+08:00");
        assertThat((List<?>) created.get("timeline")).hasSize(1);

        assertThat(reportBy(alice).withDescription("又有人占道").file()).isEqualTo("JZ0803-20261122-000002");
        alice.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo("JZ0803-20261122-000002")
                .jsonPath("$.items[0].timeline")
                .doesNotExist();
        alice.get()
                .uri("/api/v1/complaints/JZ0803-20261122-000001")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.description")
                .isEqualTo("人民路口有人占道卖水果")
                .jsonPath("$.timeline[0].statusLabel")
                .isEqualTo("已受理")
                .jsonPath("$.timeline[0].by")
                .isEqualTo("您");
    }

    @Test
    void everyNewCaseIsPublishedAsAReceivedEvent() {
        reportBy(alice).withCategory("street-vending").file();

        List<MapRecord<String, Object, Object>> events = redis.opsForStream()
                .range(EVENTS, org.springframework.data.domain.Range.unbounded())
                .collectList()
                .block();
        assertThat(events)
                .singleElement()
                .satisfies(event -> assertThat(event.getValue())
                        .containsEntry("type", "RECEIVED")
                        .containsEntry("trackingNo", "JZ0803-20261122-000001")
                        .containsEntry("category", "street-vending")
                        .containsEntry("district", "中站区"));
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyReturnsTheFirstCase() {
        Report retried = reportBy(alice).withIdempotencyKey("retry-0001");
        retried.submit().expectStatus().isCreated();
        retried.submit()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.trackingNo")
                .isEqualTo("JZ0803-20261122-000001");

        alice.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        assertThat(redis.opsForStream().size(EVENTS).block()).isEqualTo(1);
    }

    @Test
    void aRetryRoutedElsewhereSinceItsFirstTryGetsTheFirstCaseNotASecond() {
        Report retried = reportBy(alice).withIdempotencyKey("retry-0003");
        retried.submit().expectStatus().isCreated();
        // a station of another district opens right where the report was: routing now sends it there
        station("解放区民主街道社区城管服务站", "解放区", Report.LAT, Report.LNG);

        retried.submit()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.trackingNo")
                .isEqualTo("JZ0803-20261122-000001");
        assertThat(reportBy(alice).withIdempotencyKey("another-0001").file()).startsWith("JZ0802-");
        assertThat(redis.keys(everyHome("cases"))
                        .flatMap(key -> redis.opsForHash().size(key))
                        .reduce(0L, Long::sum)
                        .block())
                .isEqualTo(2);
    }

    @Test
    void aRetryWhoseFirstTryWasFiledBeforeDistrictsHadHomesGetsThatCase() {
        String stored = (String) redis.opsForHash()
                .get("cs:{complaint:0803}:cases", reportBy(alice).file())
                .block();
        String residentId = stored.replaceAll("(?s).*\"residentId\":\"([^\"]+)\".*", "$1");
        // as the code before district homes left a report and its key: an old number, under {complaint}
        String before = stored.replace("JZ0803-20261122-000001", "JZ20261122-000009");
        redis.opsForHash()
                .put("cs:{complaint}:cases", "JZ20261122-000009", before)
                .block();
        redis.opsForValue()
                .set("cs:{complaint}:idempotency:" + residentId + ":retry-0002", "JZ20261122-000009")
                .block();

        reportBy(alice)
                .withIdempotencyKey("retry-0002")
                .submit()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.trackingNo")
                .isEqualTo("JZ20261122-000009");
        assertThat(redis.opsForHash().size("cs:{complaint:0803}:cases").block()).isEqualTo(1);
    }

    @Test
    void theEleventhReportInAnHourIsRefusedUntilTheNextHour() {
        for (int i = 0; i < 10; i++) {
            reportBy(alice).withDescription("第 " + i + " 条").file();
        }
        reportBy(alice)
                .withDescription("第 11 条")
                .submit()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "3600")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("too-many-requests");

        clock.set(LocalDateTime.of(2026, 11, 22, 11, 0));
        // the refused report took no number: the next one follows the tenth
        assertThat(reportBy(alice).withDescription("下一个小时").file()).isEqualTo("JZ0803-20261122-000011");
    }

    @Test
    void aSequenceThatWentBackOverwritesNoCaseAndTheRetryTakesTheNextNumber() {
        String first = reportBy(alice).withDescription("第一条").file();
        redis.delete("cs:{complaint:0803}:seq:0803:20261122").block(); // lost, as by eviction

        reportBy(alice)
                .withDescription("第二条")
                .submit()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("service-unavailable");
        assertThat(reportBy(alice).withDescription("第二条").file()).isEqualTo("JZ0803-20261122-000002");
        alice.get()
                .uri("/api/v1/complaints/" + first)
                .exchange()
                .expectBody()
                .jsonPath("$.description")
                .isEqualTo("第一条");
    }

    @Test
    void onlyTheReporterReadsACase() {
        reportBy(alice).file();
        WebTestClient bob = resident("bob");
        bob.get()
                .uri("/api/v1/complaints/JZ0803-20261122-000001")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found");
        bob.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        asAdmin()
                .get()
                .uri("/api/v1/complaints/JZ0803-20261122-000001")
                .exchange()
                .expectStatus()
                .isForbidden();
        reportBy(web).submit().expectStatus().isUnauthorized();
    }

    @Test
    void riskyTextIsRefusedAndNothingIsStored() {
        wechat.riskyWords("赌博");
        reportBy(alice)
                .withDescription("桥下有人聚众赌博")
                .submit()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("content-rejected");
        alice.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        assertThat(redis.keys(everyHome("cases")).collectList().block()).isEmpty();
    }

    @Test
    void badReportsListEveryBadFieldAndStoreNothing() {
        reportBy(alice)
                .withDescription("x".repeat(501))
                .withLocation(95, 113.17)
                .withContactPhone("12345")
                .submit()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'description')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'location.lat')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'contactPhone')]")
                .exists();
        reportBy(alice)
                .withCategory("ufo")
                .submit()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("category");
        reportBy(alice).withIdempotencyKey("bad key!").submit().expectStatus().isBadRequest();
        assertThat(redis.keys(everyHome("cases")).collectList().block()).isEmpty();
    }

    @Test
    void aPlaceFarFromEveryStationStaysUnroutedForADispatcher() {
        reportBy(alice)
                .withLocation(34.75, 113.62) // Zhengzhou, ~75 km away
                .submit()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.stationName")
                .doesNotExist()
                .jsonPath("$.status")
                .isEqualTo("RECEIVED");
        assertThat(redis.opsForZSet().size("cs:{complaint:0000}:unrouted").block())
                .isEqualTo(1);
    }

    @Test
    void deletingTheAccountKeepsTheCaseForTheStatisticsWithoutThePhone() {
        reportBy(alice)
                .withDescription("人民路口有人占道")
                .withContactPhone("13812345678")
                .file();
        assertThat((String) redis.opsForHash()
                        .get("cs:{complaint:0803}:cases", "JZ0803-20261122-000001")
                        .block())
                .contains("13812345678");

        alice.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();

        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/JZ0803-20261122-000001")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.description")
                .isEqualTo("人民路口有人占道")
                .jsonPath("$.contactPhone")
                .doesNotExist();
        assertThat((String) redis.opsForHash()
                        .get("cs:{complaint:0803}:cases", "JZ0803-20261122-000001")
                        .block())
                .doesNotContain("13812345678");
        assertThat(redis.keys(everyHome("by-resident", "*")).collectList().block())
                .isEmpty();
    }
}
