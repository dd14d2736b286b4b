package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.complaint.ComplaintStatus.CLOSED;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** 附议: nearby open cases, following one, what a follower sees and hears, and what goes with her account. */
class FollowTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final double LAT = 35.24;
    private static final double LNG = 113.17;
    /** About 33 m of latitude. */
    private static final double STEP = 0.0003;

    @Autowired
    private OpenCases openCases;

    @Autowired
    private StatusNotifier notifier;

    private WebTestClient alice;
    private WebTestClient bob;

    @BeforeEach
    void twoResidents() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        alice = resident("alice");
        bob = resident("bob");
    }

    @Test
    void nearbyListsOpenCasesOfTheCategoryNearestFirstWithoutPersonalData() {
        residents.bindPhone(alice, "alice", "13812345678");
        String farther = clutter()
                .withLocation(LAT + 2 * STEP, LNG)
                .withContactPhone("13812345678")
                .file();
        String nearer = clutter().withLocation(LAT + STEP, LNG).file();
        reportBy(alice).withCategory("flyposting").withLocation(LAT, LNG).file();
        clutter().withLocation(LAT + 0.01, LNG).file(); // about 1.1 km away

        String body = bob.get()
                .uri("/api/v1/complaints/nearby?category=clutter&lat=" + LAT + "&lng=" + LNG)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .doesNotContain(
                        "description", "photos", "address", "residentId", "contactPhone", "13812345678", "location");
        List<Map<String, Object>> items = nearby(bob, "clutter");
        assertThat(items).extracting(item -> item.get("trackingNo")).containsExactly(nearer, farther);
        assertThat(items.get(0))
                .containsEntry("categoryName", "乱堆乱放")
                .containsEntry("status", "RECEIVED")
                .containsEntry("followers", 0)
                .containsEntry("following", false)
                .containsEntry("mine", false);
        assertThat(((Number) items.get(0).get("distance")).intValue()).isBetween(25, 40);
        assertThat((String) items.get(0).get("createdAt")).endsWith("+08:00");
        assertThat(nearby(alice, "clutter")).allSatisfy(item -> assertThat(item).containsEntry("mine", true));
    }

    @Test
    void badNearbyQueriesAreProblemsLikeReporting() {
        bob.get()
                .uri("/api/v1/complaints/nearby?category=nonsense&lat=" + LAT + "&lng=" + LNG)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("category");
        bob.get()
                .uri("/api/v1/complaints/nearby?category=clutter&lat=" + LAT + "&lng=" + LNG + "&radius=5000")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("radius");
        bob.get()
                .uri("/api/v1/complaints/nearby?category=clutter&lat=95&lng=abc")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aClosedCaseLeavesTheNearbySearchAndComesBackWhenReopened() {
        String trackingNo = cases.at(CLOSED, clutter());
        assertThat(nearby(bob, "clutter")).isEmpty();
        moveAsAdmin(trackingNo, "REOPEN", "居民反映未解决");
        assertThat(nearby(bob, "clutter"))
                .extracting(item -> item.get("trackingNo"))
                .containsExactly(trackingNo);
    }

    @Test
    void theBackfillIndexesOpenCasesMissingFromTheSearch() {
        String trackingNo = clutter().file();
        redis.opsForZSet()
                .remove(caseKey(trackingNo, "open-geo", "clutter"), trackingNo)
                .block();
        assertThat(nearby(bob, "clutter")).isEmpty();

        assertThat(openCases.backfill().block()).isEqualTo(1);
        assertThat(nearby(bob, "clutter"))
                .extracting(item -> item.get("trackingNo"))
                .containsExactly(trackingNo);
        assertThat(openCases.backfill().block()).isEqualTo(-1); // once per store
    }

    @Test
    void followingIsIdempotentAndRefusedForUnknownOwnAndClosedCases() {
        String trackingNo = clutter().file();
        bob.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1)
                .jsonPath("$.following")
                .isEqualTo(true);
        bob.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1);
        alice.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-followable");
        bob.post()
                .uri("/api/v1/complaints/JZ20990101-000001/followers")
                .exchange()
                .expectStatus()
                .isNotFound();

        String closed = cases.at(CLOSED, clutter());
        WebTestClient carol = resident("carol");
        carol.post()
                .uri("/api/v1/complaints/" + closed + "/followers")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-followable");
        assertThat(nearby(carol, "clutter"))
                .singleElement()
                .satisfies(
                        item -> assertThat(item).containsEntry("followers", 1).containsEntry("following", false));
        assertThat(nearby(bob, "clutter"))
                .singleElement()
                .satisfies(item -> assertThat(item).containsEntry("following", true));
    }

    @Test
    void theReporterAndStaffSeeHowManyFollowAndAFollowerSeesAReducedView() {
        residents.bindPhone(alice, "alice", "13812345678");
        String trackingNo = clutter().withContactPhone("13812345678").file();
        moveAsAdmin(trackingNo, "REJECT", "已联系报告人张女士,非城管职责");
        String open = clutter().withContactPhone("13812345678").file();
        bob.post()
                .uri("/api/v1/complaints/" + open + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        moveAsAdmin(open, "REGISTER", "已电话联系报告人");

        alice.get()
                .uri("/api/v1/complaints/" + open)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1)
                .jsonPath("$.description")
                .isEqualTo("楼道口堆满杂物");
        alice.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(open)
                .jsonPath("$.items[0].followers")
                .isEqualTo(1);
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + open)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(1);
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.trackingNo == '" + open + "')].followers")
                .isEqualTo(1);

        String view = bob.get()
                .uri("/api/v1/complaints/" + open)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(view)
                .contains("\"following\":true", "\"followers\":1", "已立案")
                .doesNotContain(
                        "description",
                        "楼道口",
                        "address",
                        "photos",
                        "location",
                        "contactPhone",
                        "13812345678",
                        "已电话联系报告人",
                        "\"note\"");
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(open)
                .jsonPath("$.items[0].description")
                .doesNotExist();
        bob.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isNotFound(); // not followed

        bob.delete()
                .uri("/api/v1/complaints/" + open + "/followers")
                .exchange()
                .expectStatus()
                .isNoContent();
        bob.get().uri("/api/v1/complaints/" + open).exchange().expectStatus().isNotFound();
        alice.get()
                .uri("/api/v1/complaints/" + open)
                .exchange()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(0);
        bob.get()
                .uri("/api/v1/complaints/following")
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aMoveIsToldToTheReporterAndEachFollowerOnceEvenWhenOneSendFails() {
        residents.bindPhone(alice, "alice", "13812345678");
        String trackingNo = clutter().withContactPhone("13812345678").file();
        residents.bindPhone(bob, "bob", "13900000002");
        bob.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        WebTestClient carol = resident("carol");
        wechat.acceptSubscribe("carol", "local-status-change");
        carol.post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of("local-status-change", "accept"))
                .exchange()
                .expectStatus()
                .isOk();
        carol.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        moveAsAdmin(trackingNo, "REGISTER", "已电话联系报告人");

        sms.failNext(1); // the reporter's SMS, sent first, fails this time
        Instant now = clock.instant();
        notifier.sweep(now).block();
        assertThat(sms.sentTo("13812345678")).isEmpty();
        assertThat(sms.sentTo("13900000002"))
                .singleElement()
                .satisfies(message -> assertThat(message.params()).containsExactly(trackingNo, "已立案", "您附议的诉求已立案"));
        assertThat(wechat.sent())
                .singleElement()
                .satisfies(sent -> assertThat(sent.data()).doesNotContainValue("已电话联系报告人"));

        notifier.sweep(now.plus(StatusNotifier.LEASE).plusSeconds(1)).block();
        assertThat(sms.sentTo("13812345678"))
                .singleElement()
                .satisfies(message -> assertThat(message.params()).containsExactly(trackingNo, "已立案", "已电话联系报告人"));
        assertThat(sms.sentTo("13900000002")).hasSize(1);
        assertThat(wechat.sent()).hasSize(1);
        assertThat(redis.opsForHash().size(caseKey(trackingNo, "notices")).block())
                .isZero();
        assertThat(notifier.sweep(now.plus(StatusNotifier.LEASE.multipliedBy(3)))
                        .block())
                .isZero();
    }

    @Test
    void aDeletedAccountFollowsNothingAnyMore() {
        String trackingNo = clutter().file();
        bob.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        bob.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.followers")
                .isEqualTo(0);
        assertThat(redis.keys(everyHome("following", "*")).collectList().block())
                .isEmpty();
    }

    /** Alice's report of clutter where the nearby search looks, with an address: what a follower must not see. */
    private Report clutter() {
        return reportBy(alice)
                .withCategory("clutter")
                .withDescription("楼道口堆满杂物")
                .withAddress("解放路 1 号")
                .withLocation(LAT, LNG);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> nearby(WebTestClient resident, String category) {
        return (List<Map<String, Object>>) resident.get()
                .uri("/api/v1/complaints/nearby?category=" + category + "&lat=" + LAT + "&lng=" + LNG)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("items");
    }
}
