package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.survey.SurveyTestAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;

/** 合并重复件: a later report of the same problem leaves the loop and its reporter follows the earlier case instead. */
class MergeTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String CASES = "/api/v1/admin/complaints/";
    private static final String BOB_PHONE = "13900000002";

    @Autowired
    private StatusNotifier notifier;

    @Autowired
    private ApplicationContext context;

    private WebTestClient alice;
    private WebTestClient bob;
    private WebTestClient dispatcher;
    private WebTestClient stationStaff;
    private WebTestClient otherDispatcher;
    private String earlier;
    private String later;

    @BeforeEach
    void twoReportsOfOneProblem() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        String xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        station("焦南街道社区城管服务站", "解放区", 35.2150, 113.2420);
        dispatcher = staff.dispatcher("中站区", "li.na");
        stationStaff = staff.stationStaff(xuheng);
        otherDispatcher = staff.dispatcher("解放区");
        alice = resident("alice");
        bob = residents.withPhone("bob", BOB_PHONE);
        earlier = reportBy(alice).withLocation(35.2410, 113.1690).file();
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 20));
        later = reportBy(bob)
                .withLocation(35.2411, 113.1690)
                .withContactPhone(BOB_PHONE)
                .file();
    }

    @Test
    void theDuplicateLeavesTheLoopAndItsReporterFollowsTheEarlierCase() {
        merge(dispatcher, later, earlier, "\"1\"", "同一路口同一摊贩")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.timeline[1].action")
                .isEqualTo("MERGE")
                .jsonPath("$.timeline[1].note")
                .isEqualTo("已合并至 " + earlier + ":同一路口同一摊贩")
                .jsonPath("$.actions[*].action")
                .isEqualTo(List.of("CONTACT_PHONE"));
        dispatcher
                .get()
                .uri(CASES + earlier)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1)
                .jsonPath("$.timeline[1].action")
                .isEqualTo("MERGE")
                .jsonPath("$.timeline[1].note")
                .isEqualTo("已并入重复件 " + later + ":同一路口同一摊贩");
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(earlier);
        bob.get()
                .uri("/api/v1/complaints/" + later)
                .exchange()
                .expectBody()
                .jsonPath("$.statusLabel")
                .isEqualTo("已退回");
        // the staff list files it as rejected, with no clock: not among the open, not in the deadline order's timed
        // part
        dispatcher
                .get()
                .uri("/api/v1/admin/complaints?status=REJECTED")
                .exchange()
                .expectBody()
                .jsonPath("$.items[*].trackingNo")
                .isEqualTo(List.of(later))
                .jsonPath("$.counts.RECEIVED")
                .isEqualTo(1)
                .jsonPath("$.counts.REJECTED")
                .isEqualTo(1);
        assertThat(redis.opsForZSet()
                        .score(caseKey(later, "by-deadline"), later)
                        .block())
                .isNull();
        asAdmin()
                .get()
                .uri("/api/v1/admin/audit")
                .exchange()
                .expectBody()
                .jsonPath("$[0].entry.action")
                .isEqualTo("MERGE")
                .jsonPath("$[0].entry.trackingNo")
                .isEqualTo(later)
                .jsonPath("$[0].entry.into")
                .isEqualTo(earlier)
                .jsonPath("$[0].entry.actor")
                .isEqualTo("li.na");
        List<Map<Object, Object>> events = redis.opsForStream()
                .range(caseKey(earlier, "events"), Range.unbounded())
                .map(record -> record.getValue())
                .collectList()
                .block();
        assertThat(events.get(events.size() - 1))
                .containsEntry("type", "REJECTED")
                .containsEntry("action", "MERGE")
                .containsEntry("into", earlier);

        // bob hears that his report was merged, then of the earlier case's steps as its follower
        notifier.sweep(clock.instant()).block();
        assertThat(sms.sentTo(BOB_PHONE))
                .singleElement()
                .satisfies(message ->
                        assertThat(message.params()).containsExactly(later, "已退回", "已合并至 " + earlier + ":同一路口同一摊贩"));
        moveAsAdmin(earlier, "REGISTER", null);
        notifier.sweep(clock.instant()).block();
        assertThat(sms.sentTo(BOB_PHONE))
                .hasSize(2)
                .last()
                .satisfies(message -> assertThat(message.params()).containsExactly(earlier, "已立案", "您附议的诉求已立案"));

        // and is asked about the earlier case when it closes; his merged report itself is never surveyed
        cases.bringTo(earlier, ComplaintStatus.CLOSED);
        new SurveyTestAccess(context).sendDue(clock.instant().plus(Duration.ofHours(3)));
        List<Map<String, Object>> surveys = bob.get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(surveys)
                .singleElement()
                .satisfies(survey -> assertThat(survey).containsEntry("trackingNo", earlier));
    }

    @Test
    void aMergeBasedOnAStaleVersionIs409AndChangesNothing() {
        moveAsAdmin(later, "REGISTER", null);
        merge(dispatcher, later, earlier, "\"1\"", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("version-conflict")
                .jsonPath("$.currentVersion")
                .isEqualTo(2);
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        dispatcher
                .get()
                .uri(CASES + earlier)
                .exchange()
                .expectBody()
                .jsonPath("$.timeline.length()")
                .isEqualTo(1)
                .jsonPath("$.followers")
                .isEqualTo(0);
    }

    @Test
    void stationStaffMayNotMergeAndCasesOutsideTheScopeDoNotExist() {
        merge(stationStaff, later, earlier, null, null)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("服务站工作人员不能进行“合并”操作");
        merge(otherDispatcher, later, earlier, null, null).expectStatus().isNotFound();
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 30));
        String elsewhere = reportBy(alice).withLocation(35.2150, 113.2420).file(); // 解放区
        asAdmin()
                .get()
                .uri(CASES + elsewhere)
                .exchange()
                .expectBody()
                .jsonPath("$.routing.district")
                .isEqualTo("解放区");
        merge(dispatcher, elsewhere, earlier, null, null).expectStatus().isNotFound();
        merge(dispatcher, later, "JZ20261124-000009", null, null)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("没有找到受理编号为 JZ20261124-000009 的诉求");
    }

    @Test
    void onlyAnOpenCaseMergesIntoAnEarlierOpenOne() {
        merge(dispatcher, earlier, later, null, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-mergeable")
                .jsonPath("$.detail")
                .isEqualTo("只能合并到更早受理的诉求:受理编号 " + later + " 晚于 " + earlier);
        merge(dispatcher, later, later, null, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-mergeable");
        merge(dispatcher, later, " ", null, null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("into");
        moveAsAdmin(earlier, "REJECT", "不属于城管职责");
        merge(dispatcher, later, earlier, null, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-mergeable");

        String again = reportBy(bob).withLocation(35.2412, 113.1690).file();
        merge(dispatcher, again, later, null, null).expectStatus().isOk();
        merge(dispatcher, again, later, null, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("illegal-transition");
        // bob reported both: he hears of the earlier case as its reporter, so he follows nothing
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        dispatcher
                .get()
                .uri(CASES + later)
                .exchange()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(0);
    }

    @Test
    void aDuplicateReceivedInAnotherDistrictMergesInTwoStepsAndItsReporterFollowsTheEarlierCase() {
        String elsewhere = reportBy(bob)
                .withLocation(35.2151, 113.2421)
                .withContactPhone(BOB_PHONE)
                .file();
        assertThat(elsewhere).startsWith("JZ0802-");
        assertThat(earlier).startsWith("JZ0803-");

        merge(asAdmin(), elsewhere, earlier, null, "跨区重复")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED");

        asAdmin()
                .get()
                .uri(CASES + earlier)
                .exchange()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1)
                .jsonPath("$.timeline[1].note")
                .isEqualTo("已并入重复件 " + elsewhere + ":跨区重复");
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectBody()
                .jsonPath("$.items[*].trackingNo")
                .isEqualTo(List.of(earlier));
        assertThat(redis.opsForValue()
                        .get(caseKey(earlier, "merged-in", elsewhere))
                        .block())
                .contains("\"state\":\"done\"");
    }

    @Test
    void aStaleMergeAcrossDistrictsIs409AndLeavesTheEarlierCaseAsItWas() {
        String elsewhere = reportBy(bob)
                .withLocation(35.2151, 113.2421)
                .withContactPhone(BOB_PHONE)
                .file();

        merge(asAdmin(), elsewhere, earlier, "\"7\"", null).expectStatus().isEqualTo(409);

        asAdmin()
                .get()
                .uri(CASES + earlier)
                .exchange()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(0)
                .jsonPath("$.timeline.length()")
                .isEqualTo(1);
        assertThat(redis.hasKey(caseKey(earlier, "merged-in", elsewhere)).block())
                .isFalse();
        // and done right, once
        merge(asAdmin(), elsewhere, earlier, "\"1\"", null).expectStatus().isOk();
        merge(asAdmin(), elsewhere, earlier, null, null).expectStatus().isEqualTo(409);
        assertThat(redis.opsForList()
                        .size(caseKey(earlier, "timeline", earlier))
                        .block())
                .isEqualTo(2);
    }

    private WebTestClient.ResponseSpec merge(
            WebTestClient client, String trackingNo, String into, String ifMatch, String note) {
        Map<String, Object> body = note == null ? Map.of("into", into) : Map.of("into", into, "note", note);
        WebTestClient.RequestBodySpec request = client.post().uri(CASES + trackingNo + "/merge");
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(body).exchange();
    }
}
