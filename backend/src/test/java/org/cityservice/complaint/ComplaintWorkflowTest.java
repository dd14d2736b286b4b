package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class ComplaintWorkflowTest extends IntegrationTest {

    private static final String CASE = "JZ0803-20261122-000001";
    private static final String CASES = "/api/v1/admin/complaints/";

    @LocalServerPort
    private int port;

    private WebTestClient alice;
    private WebTestClient dispatcher;
    private WebTestClient stationStaff;
    private WebTestClient otherStationStaff;
    private WebTestClient otherDispatcher;
    private String dispatcherToken;
    private String jiefang;

    @BeforeEach
    void twoStationsTheirStaffAndACase() {
        clock.set(LocalDateTime.of(2026, 11, 22, 10, 0));
        String xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        jiefang = station("焦南街道社区城管服务站", "解放区", 35.2150, 113.2420);
        dispatcherToken = staff.dispatcherToken("中站区", "li.na");
        dispatcher = as(dispatcherToken);
        stationStaff = staff.stationStaff(xuheng, "zhang.wei");
        otherStationStaff = staff.stationStaff(jiefang);
        otherDispatcher = staff.dispatcher("解放区");
        alice = resident("alice");
        assertThat(reportBy(alice).withContactPhone("13812345678").file()).isEqualTo(CASE);
    }

    @Test
    void aCaseGoesRoundTheWholeLoopAndEveryStepIsRecorded() {
        move(dispatcher, "REGISTER", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REGISTERED");
        move(dispatcher, "DISPATCH", "请许衡服务站处理").expectStatus().isOk();
        move(stationStaff, "HANDLE", "已劝离摊贩,路口恢复通行").expectStatus().isOk();
        move(dispatcher, "VERIFY", null).expectStatus().isOk();
        move(dispatcher, "CLOSE", "办结")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CLOSED")
                .jsonPath("$.statusLabel")
                .isEqualTo("已结案")
                .jsonPath("$.version")
                .isEqualTo(6)
                .jsonPath("$.timeline.length()")
                .isEqualTo(6)
                .jsonPath("$.timeline[3].actor")
                .isEqualTo("zhang.wei")
                .jsonPath("$.timeline[3].note")
                .isEqualTo("已劝离摊贩,路口恢复通行");

        String seenByResident = alice.get()
                .uri("/api/v1/complaints/" + CASE)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(seenByResident).contains("已结案", "城管工作人员", "已劝离摊贩").doesNotContain("zhang.wei", "li.na");

        List<Object> events = redis.opsForStream()
                .range(caseKey(CASE, "events"), Range.unbounded())
                .map(record -> record.getValue().get("type"))
                .collectList()
                .block();
        assertThat(events).containsExactly("RECEIVED", "REGISTERED", "DISPATCHED", "HANDLED", "VERIFIED", "CLOSED");
        asAdmin()
                .get()
                .uri("/api/v1/admin/audit?count=10")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(5)
                .jsonPath("$[0].entry.action")
                .isEqualTo("CLOSE")
                .jsonPath("$[0].entry.actor")
                .isEqualTo("li.na")
                .jsonPath("$[2].entry.actor")
                .isEqualTo("zhang.wei");
        dispatcher.get().uri("/api/v1/admin/audit").exchange().expectStatus().isForbidden();
    }

    @Test
    void workSentBackIsCountedAsRework() {
        move(dispatcher, "REGISTER", null).expectStatus().isOk();
        move(dispatcher, "DISPATCH", null).expectStatus().isOk();
        move(stationStaff, "HANDLE", "已处理").expectStatus().isOk();
        move(dispatcher, "VERIFY", null).expectStatus().isOk();
        move(dispatcher, "REWORK", null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("note");
        move(dispatcher, "REWORK", "摊贩又回来了")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DISPATCHED")
                .jsonPath("$.rework")
                .isEqualTo(1);
    }

    @Test
    void anIllegalMoveIs409AndChangesNothing() {
        move(dispatcher, "CLOSE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("illegal-transition")
                .jsonPath("$.detail")
                .isEqualTo("受理编号 " + CASE + " 当前为“已受理”,不能结案");
        move(stationStaff, "HANDLE", "提前处理").expectStatus().isEqualTo(409);
        dispatcher
                .get()
                .uri(CASES + CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.timeline.length()")
                .isEqualTo(1);
    }

    @Test
    void aRejectionNeedsAReasonTheResidentReads() {
        move(dispatcher, "REJECT", " ").expectStatus().isBadRequest();
        move(dispatcher, "REJECT", "该问题属于物业管理范围,请联系小区物业").expectStatus().isOk();
        alice.get()
                .uri("/api/v1/complaints/" + CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.statusLabel")
                .isEqualTo("已退回")
                .jsonPath("$.timeline[1].note")
                .isEqualTo("该问题属于物业管理范围,请联系小区物业");
    }

    @Test
    void eachRoleTakesOnlyItsOwnSteps() {
        move(stationStaff, "REGISTER", null)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("服务站工作人员不能进行“立案”操作");
        move(dispatcher, "REOPEN", null).expectStatus().isForbidden();
    }

    @Test
    void staffOutsideTheCasesScopeCannotSeeOrMoveIt() {
        for (WebTestClient outsider : List.of(otherStationStaff, otherDispatcher)) {
            outsider.get().uri(CASES + CASE).exchange().expectStatus().isNotFound();
            move(outsider, "REGISTER", null).expectStatus().isNotFound();
            outsider.get()
                    .uri(CASES + CASE + "/contact-phone")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            outsider.get()
                    .uri("/api/v1/admin/complaints")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(0);
        }
        stationStaff
                .get()
                .uri("/api/v1/admin/complaints")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?status=RECEIVED")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?status=CLOSED")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        alice.get().uri("/api/v1/admin/complaints").exchange().expectStatus().isForbidden();
    }

    @Test
    void ofManyParallelMovesExactlyOneWins() {
        WebClient client = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + dispatcherToken)
                .build();
        List<Integer> statuses = Flux.range(0, 16)
                .flatMap(
                        i -> client.post()
                                .uri(CASES + CASE + "/transitions")
                                .bodyValue(Map.of("action", "REGISTER"))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        16)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        dispatcher
                .get()
                .uri(CASES + CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.timeline.length()")
                .isEqualTo(2)
                .jsonPath("$.version")
                .isEqualTo(2);
        assertThat(redis.opsForStream().size(caseKey(CASE, "events")).block()).isEqualTo(2);
    }

    @Test
    void aMoveBasedOnAStaleVersionIs409() {
        dispatcher
                .post()
                .uri(CASES + CASE + "/transitions")
                .header("If-Match", "\"1\"")
                .bodyValue(Map.of("action", "REGISTER"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"2\"");
        dispatcher
                .post()
                .uri(CASES + CASE + "/transitions")
                .header("If-Match", "\"1\"")
                .bodyValue(Map.of("action", "DISPATCH"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("version-conflict")
                .jsonPath("$.currentVersion")
                .isEqualTo(2);
    }

    @Test
    void staffSeeTheContactPhoneMaskedAndEveryFullLookIsAudited() {
        dispatcher
                .get()
                .uri(CASES + CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.contactPhone")
                .isEqualTo("138****5678");
        stationStaff
                .get()
                .uri(CASES + CASE + "/contact-phone")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("13812345678");
        asAdmin()
                .get()
                .uri("/api/v1/admin/audit")
                .exchange()
                .expectBody()
                .jsonPath("$[0].entry.action")
                .isEqualTo("VIEW_CONTACT_PHONE")
                .jsonPath("$[0].entry.actor")
                .isEqualTo("zhang.wei")
                .jsonPath("$[0].entry.trackingNo")
                .isEqualTo(CASE);
    }

    @Test
    void aDispatcherReroutesWithinTheDistrictAndAnAdminAnywhere() {
        String zhuCun = station("朱村街道社区城管服务站", "中站区", 35.2300, 113.1500);
        dispatcher
                .post()
                .uri(CASES + CASE + "/routing")
                .bodyValue(Map.of("stationId", zhuCun))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        dispatcher
                .post()
                .uri(CASES + CASE + "/routing")
                .bodyValue(Map.of("stationId", jiefang, "reason", "跨区"))
                .exchange()
                .expectStatus()
                .isForbidden();
        dispatcher
                .post()
                .uri(CASES + CASE + "/routing")
                .bodyValue(Map.of("stationId", zhuCun, "reason", "地点属朱村辖区"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.routing.stationName")
                .isEqualTo("朱村街道社区城管服务站")
                .jsonPath("$.status")
                .isEqualTo("RECEIVED")
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.timeline[1].action")
                .isEqualTo("REROUTE")
                .jsonPath("$.timeline[1].note")
                .isEqualTo("改派至朱村街道社区城管服务站:地点属朱村辖区");
        stationStaff.get().uri(CASES + CASE).exchange().expectStatus().isNotFound();
        stationStaff
                .post()
                .uri(CASES + CASE + "/routing")
                .bodyValue(Map.of("stationId", zhuCun, "reason", "x"))
                .exchange()
                .expectStatus()
                .isNotFound();

        asAdmin()
                .post()
                .uri(CASES + CASE + "/routing")
                .bodyValue(Map.of("stationId", jiefang, "reason", "实际位于解放区"))
                .exchange()
                .expectStatus()
                .isOk();
        otherDispatcher.get().uri(CASES + CASE).exchange().expectStatus().isOk();
        dispatcher.get().uri(CASES + CASE).exchange().expectStatus().isNotFound();
        move(dispatcher, "REROUTE", "x").expectStatus().isNotFound();
        asAdmin()
                .post()
                .uri(CASES + CASE + "/transitions")
                .bodyValue(Map.of("action", "REROUTE", "note", "x"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void theCityWideListPagesOverEveryDistrictsCasesInOneOrder() {
        // the set-up's case is 中站区's, at 10:00; then 解放区's, 中站区's and 解放区's, an hour apart
        List<String> filed = new ArrayList<>(List.of(CASE));
        for (int hour = 11; hour <= 13; hour++) {
            clock.set(LocalDateTime.of(2026, 11, 22, hour, 0));
            Report report = reportBy(alice).withDescription("第" + hour + "点的诉求");
            filed.add((hour % 2 == 1 ? report.withLocation(35.2150, 113.2420) : report).file());
        }
        assertThat(filed).filteredOn(no -> no.startsWith("JZ0802-")).hasSize(2);
        move(dispatcher, "REGISTER", null).expectStatus().isOk();

        List<String> newestFirst = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            asAdmin()
                    .get()
                    .uri("/api/v1/admin/complaints?size=2&page=" + page)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(4)
                    .jsonPath("$.counts.RECEIVED")
                    .isEqualTo(3)
                    .jsonPath("$.counts.REGISTERED")
                    .isEqualTo(1)
                    .jsonPath("$.items[*].trackingNo")
                    .value(numbers -> newestFirst.addAll((List<String>) numbers));
        }
        Collections.reverse(filed);
        assertThat(newestFirst).containsExactlyElementsOf(filed);
        // by deadline, a case a page, over both homes: every case once, the soonest due first
        List<String> byDeadline = new ArrayList<>();
        List<String> dueAt = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            asAdmin()
                    .get()
                    .uri("/api/v1/admin/complaints?sort=deadline&size=1&page=" + page)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.items[0].trackingNo")
                    .value(no -> byDeadline.add((String) no))
                    .jsonPath("$.items[0].deadline")
                    .value(due -> dueAt.add((String) due));
        }
        // the three still received share one due time (Sunday's reports: the clock starts Monday 08:30): newest first
        assertThat(byDeadline).containsExactlyInAnyOrderElementsOf(filed);
        assertThat(dueAt).isSorted();
        assertThat(byDeadline).filteredOn(no -> !no.equals(CASE)).containsExactlyElementsOf(filed.subList(0, 3));
    }

    @Test
    void staffFilterByCategoryTextAndDatesAndSortByDeadline() {
        // Sunday 22nd, 10:00: the clock starts Monday 08:30
        reportBy(alice).withCategory("broken-road").withDescription("路面塌陷一个大坑").file();
        clock.set(LocalDateTime.of(2026, 11, 24, 9, 0));
        reportBy(alice).withCategory("manhole-covers").withDescription("井盖缺失").file();

        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?category=broken-road")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].description")
                .isEqualTo("路面塌陷一个大坑")
                .jsonPath("$.partial")
                .isEqualTo(false)
                .jsonPath("$.counts.RECEIVED")
                .isEqualTo(1);
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?q={q}", "塌陷")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?from=2026-11-24&to=2026-11-24")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].category")
                .isEqualTo("manhole-covers");
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?sort=deadline")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.items[0].deadline")
                .isEqualTo("2026-11-23T10:30:00+08:00")
                .jsonPath("$.items[2].deadline")
                .isEqualTo("2026-11-24T11:00:00+08:00");
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?sort=oldest")
                .exchange()
                .expectStatus()
                .isBadRequest();
        // every home reads the first page × size of its part: pages stop at the newest 10,000
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?page=101&size=100")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?page=100&size=100")
                .exchange()
                .expectStatus()
                .isOk();
        stationStaff
                .get()
                .uri("/api/v1/admin/complaints?category=manhole-covers")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        otherStationStaff
                .get()
                .uri("/api/v1/admin/complaints?category=manhole-covers")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    private WebTestClient.ResponseSpec move(WebTestClient client, String action, String note) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action));
        if (note != null) {
            body.put("note", note);
        }
        return client.post().uri(CASES + CASE + "/transitions").bodyValue(body).exchange();
    }
}
