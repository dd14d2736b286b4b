package org.cityservice.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.support.IntegrationTest;
import org.cityservice.survey.SurveyTestAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The rate formulas on a small fixture computed by hand. In 许衡街道: A registered on time, closed,
 * answered 1 (solved, 满意); B registered late, sent back once, closed, answered 2 (solved, 基本满意);
 * C rejected on time. In 焦南街道: D received and not yet answered to.
 */
class StatsTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String DAY = "from=2026-11-23&to=2026-11-23";

    @Autowired
    private StatsCounter counter;

    @LocalServerPort
    private int port;

    private WebTestClient alice;

    @BeforeEach
    void theFixture() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        station("焦南街道社区城管服务站", "中站区", 35.2150, 113.2420);
        alice = resident("alice");
        String a = report(35.2410, 113.1690, "13800000001");
        String b = report(35.2410, 113.1690, "13800000002");
        String c = report(35.2410, 113.1690, "13800000003");
        report(35.2150, 113.2430, "13800000004");
        cases.bringTo(a, ComplaintStatus.CLOSED);
        cases.bringTo(c, ComplaintStatus.REJECTED);
        clock.set(LocalDateTime.of(2026, 11, 23, 13, 30)); // past B's 2-hour limit to register
        for (String action :
                List.of("REGISTER", "DISPATCH", "HANDLE", "VERIFY", "REWORK", "HANDLE", "VERIFY", "CLOSE")) {
            moveAsAdmin(b, action, "处理");
        }
        runSurveys();
        reply("13800000001", "1");
        reply("13800000002", "2");
        counter.pull().block();
    }

    @Test
    void theRatesOfEachSubdistrictMatchTheHandCount() {
        Map<String, Map<String, Object>> rows = rows("subdistrict");
        assertThat(rows.get("许衡街道"))
                .containsEntry("received", 3)
                .containsEntry("respondedOnTime", 2)
                .containsEntry("responseRate", 0.6667)
                .containsEntry("answered", 2)
                .containsEntry("solved", 2)
                .containsEntry("resolutionRate", 1.0)
                .containsEntry("satisfied", 1)
                .containsEntry("basicallySatisfied", 1)
                .containsEntry("satisfactionRate", 0.9)
                .containsEntry("dueToClose", 2)
                .containsEntry("closed", 2)
                .containsEntry("closureRate", 1.0)
                .containsEntry("closedOnTime", 1)
                .containsEntry("onTimeClosureRate", 0.5)
                .containsEntry("reworked", 1)
                .containsEntry("reworkRate", 0.5);
        assertThat(rows.get("焦南街道"))
                .containsEntry("received", 1)
                .containsEntry("responseRate", 0.0)
                .containsEntry("answered", 0)
                .containsEntry("satisfactionRate", null)
                .containsEntry("closureRate", null);
        assertThat(rows("city").get("全市")).containsEntry("received", 4).containsEntry("responseRate", 0.5);
    }

    @Test
    void theMonthlyRankingPutsTheBetterSubdistrictFirst() {
        asAdmin()
                .get()
                .uri("/api/v1/admin/stats/ranking?month=2026-11")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subdistricts[0].rank")
                .isEqualTo(1)
                .jsonPath("$.subdistricts[0].rates.group")
                .isEqualTo("许衡街道")
                .jsonPath("$.subdistricts[0].score")
                .isEqualTo(0.8556)
                .jsonPath("$.subdistricts[1].rates.group")
                .isEqualTo("焦南街道");
    }

    @Test
    void countingAgainChangesNothingAndARebuildFromTheStreamsGivesTheSameCounters() {
        Map<String, Map<String, Object>> before = rows("station");
        String replaced = liveGenerationKeys();
        assertThat(counter.pull().block()).isZero();
        rebuild();
        assertThat(rows("station")).isEqualTo(before);
        assertThat(rows("category")).containsKey("clutter");
        assertThat(rows("category").get("clutter")).containsEntry("name", "乱堆乱放");
        assertThat(redis.keys(replaced).collectList().block()).isEmpty();
    }

    @Test
    void eachDistrictCountsUnderItsOwnTagAndTheRatesSumTheTags() {
        station("解放区民主街道社区城管服务站", "解放区", 35.2600, 113.2500);
        report(35.2605, 113.2505, "13800000005");
        counter.pull().block();

        String day = "g" + live() + ":day:20261123";
        // the cases and their surveys' answers count in the district that received them: 中站区 0803, 解放区 0802
        assertThat(counters("cs:{stats:0803}:" + day))
                .containsEntry("city|全市|received", "4")
                .containsEntry("city|全市|answered", "2");
        assertThat(counters("cs:{stats:0802}:" + day))
                .containsEntry("city|全市|received", "1")
                .doesNotContainKey("city|全市|answered");
        assertThat(redis.hasKey("cs:{stats}:" + day).block()).isFalse(); // the legacy home received none
        assertThat(rows("city").get("全市")).containsEntry("received", 5).containsEntry("answered", 2);
        assertThat(rows("district"))
                .hasEntrySatisfying("解放区", row -> assertThat(row).containsEntry("received", 1))
                .hasEntrySatisfying("中站区", row -> assertThat(row).containsEntry("received", 4));
    }

    private Map<String, String> counters(String key) {
        return redis.<String, String>opsForHash()
                .entries(key)
                .collectMap(e -> e.getKey(), e -> e.getValue())
                .block();
    }

    @Test
    void countersOfTheOneTagLayoutAreRebuiltOnceInsteadOfCountedTwice() {
        Map<String, Map<String, Object>> before = rows("station");
        String replaced = liveGenerationKeys();
        redis.delete("cs:{stats}:layout").block(); // as an earlier version left them

        assertThat(counter.pull().block()).isEqualTo(12);

        assertThat(rows("station")).isEqualTo(before);
        assertThat(redis.keys(replaced).collectList().block()).isEmpty();
        assertThat(counter.pull().block()).isZero();
    }

    @Test
    void twoRebuildsAtOnceCountIntoOneGenerationAndEachEventOnce() {
        Map<String, Map<String, Object>> before = rows("station");
        String replaced = liveGenerationKeys();

        Long counted = Mono.zip(counter.rebuild(), counter.rebuild())
                .map(both -> both.getT1() + both.getT2())
                .block();

        assertThat(counted).isEqualTo(12);
        assertThat(rows("station")).isEqualTo(before);
        assertThat(redis.keys(replaced).collectList().block()).isEmpty();
        assertThat(redis.hasKey("cs:{stats}:rebuilding").block()).isFalse();
    }

    @Test
    void aGenerationCountedBeforeGenerationsRecordedTheirKeysIsDeletedAfterARebuildAllTheSame() {
        String replaced = liveGenerationKeys();
        // as counted by an older version
        redis.keys(replaced.replace(":*", ":keys")).flatMap(redis::delete).blockLast();
        assertThat(redis.keys(replaced).collectList().block()).isNotEmpty();

        rebuild();

        assertThat(redis.keys(replaced).collectList().block()).isEmpty();
        assertThat(rows("city").get("全市")).containsEntry("received", 4);
    }

    /** The pattern of every key of the live generation, in every district's tag. */
    private String liveGenerationKeys() {
        return "cs:{stats*}:g" + live() + ":*";
    }

    private String live() {
        return redis.opsForValue().get("cs:{stats}:live").defaultIfEmpty("0").block();
    }

    private void rebuild() {
        asAdmin()
                .post()
                .uri("/api/v1/admin/stats/rebuild")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.eventsCounted")
                .isEqualTo(12); // 4 received, 3 responses, 2 closings, 1 send-back, 2 answers
    }

    @Test
    void theDailyTrendGivesTheCityOfEachDayAndSumsToTheRange() {
        List<Map<String, Object>> days = asAdmin()
                .get()
                .uri("/api/v1/admin/stats/daily?from=2026-11-22&to=2026-11-24")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(days).extracting(day -> day.get("day")).containsExactly("2026-11-22", "2026-11-23", "2026-11-24");
        @SuppressWarnings("unchecked")
        Map<String, Object> the23rd = (Map<String, Object>) days.get(1).get("rates");
        assertThat(the23rd).isEqualTo(rows("city").get("全市"));
        assertThat(((Map<?, ?>) days.get(0).get("rates")).get("received")).isEqualTo(0);
        asAdmin()
                .get()
                .uri("/api/v1/admin/stats/daily?from=2026-01-01&to=2026-12-31")
                .exchange()
                .expectStatus()
                .isBadRequest();
        staff.dispatcher("中站区")
                .get()
                .uri("/api/v1/admin/stats/daily")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void onlyAdminsSeeTheFiguresAndBadParametersAre400() {
        staff.dispatcher("中站区")
                .get()
                .uri("/api/v1/admin/stats/rates")
                .exchange()
                .expectStatus()
                .isForbidden();
        asAdmin()
                .get()
                .uri("/api/v1/admin/stats/rates?groupBy=street")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("groupBy");
        asAdmin()
                .get()
                .uri("/api/v1/admin/stats/rates?from=2026-12-01&to=2026-11-01")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> rows(String groupBy) {
        Map<String, Object> answer = asAdmin()
                .get()
                .uri("/api/v1/admin/stats/rates?" + DAY + "&groupBy=" + groupBy)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) answer.get("rows")) {
            rows.put((String) row.get("group"), row);
        }
        return rows;
    }

    @Autowired
    private ApplicationContext context;

    private void runSurveys() {
        new SurveyTestAccess(context).sendDue(clock.instant().plus(Duration.ofHours(3)));
    }

    private void reply(String phone, String text) {
        sms.pushReply("http://127.0.0.1:" + port + "/api/v1/sms/replies?secret=" + SMS_CALLBACK_SECRET, phone, text);
    }

    /** A report by alice with {@code phone} bound through WeChat first, so the survey SMS may go to it. */
    private String report(double lat, double lng, String phone) {
        residents.bindPhone(alice, "alice", phone);
        return reportBy(alice)
                .withCategory("clutter")
                .withLocation(lat, lng)
                .withContactPhone(phone)
                .file();
    }
}
