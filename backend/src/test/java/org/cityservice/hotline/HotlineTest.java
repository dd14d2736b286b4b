package org.cityservice.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.stub.hotline.HotlinePlatform;
import org.cityservice.support.IntegrationTest;
import org.cityservice.survey.SurveyTestAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;

/**
 * The 12345 exchange against the local platform stand-in, as a platform would use it: signed 工单 in, each step of the
 * case back once and in order, through the platform being down, and the refusals of what a platform never sends.
 */
@SuppressWarnings("unchecked")
class HotlineTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String CALLER = "13912345678";

    @Autowired
    private HotlinePlatform platform;

    @Autowired
    private PlatformCallbacks callbacks;

    @Autowired
    private SurveyResults surveyResults;

    @Autowired
    private ApplicationContext context;

    @LocalServerPort
    private int port;

    @BeforeEach
    void aPlatformOnOurClock() {
        clock.set(LocalDateTime.of(2026, 12, 2, 10, 0));
        platform.reset();
        platform.clock(clock);
        platform.intakeUrl("http://127.0.0.1:" + port + "/hotline/v1/orders");
    }

    @AfterEach
    void platformUp() {
        platform.down(false);
    }

    @Test
    void anOrderBecomesACaseAndThePlatformHearsEachStepOnceAndInOrderUpToTheSurvey() {
        String station = station("焦南街道站", "解放区", 35.2151, 113.2421);
        Map<String, Object> order = order("HN-0001");
        HotlinePlatform.Answer filed = platform.send(order);
        assertThat(filed.status()).isEqualTo(201);
        String trackingNo = (String) filed.json().get("trackingNo");
        assertThat(filed.json())
                .containsEntry("orderId", "HN-0001")
                .containsEntry("duplicate", false)
                .containsEntry("status", "RECEIVED");

        Map<String, Object> staffView = staffView(trackingNo);
        assertThat(staffView.get("category")).isEqualTo("street-vending");
        assertThat((Map<String, Object>) staffView.get("routing")).containsEntry("stationId", station);
        assertThat((Map<String, Object>) staffView.get("source"))
                .containsEntry("channel", "12345")
                .containsEntry("platform", HotlineConfiguration.LOCAL_PLATFORM_ID)
                .containsEntry("orderId", "HN-0001")
                .containsEntry("reporterName", "张先生")
                .containsEntry("platformReceivedAt", "2026-12-02T10:00:00+08:00");
        assertThat((String) staffView.get("contactPhone")).isEqualTo("139****5678");

        moveAsAdmin(trackingNo, "REGISTER", null);
        moveAsAdmin(trackingNo, "DISPATCH", null);
        moveAsAdmin(trackingNo, "HANDLE", "摊贩已劝离,路面已清理");
        moveAsAdmin(trackingNo, "VERIFY", null);
        moveAsAdmin(trackingNo, "CLOSE", null);
        assertThat(callbacks.sendDue().block()).isEqualTo(4);

        // the follow-up survey goes by SMS to the caller's mobile; the answer goes back to the platform
        new SurveyTestAccess(context).sendDue(clock.instant().plus(Duration.ofHours(3)));
        assertThat(sms.sentTo(CALLER)).hasSize(1);
        sms.pushReply("http://127.0.0.1:" + port + "/api/v1/sms/replies?secret=" + SMS_CALLBACK_SECRET, CALLER, "1");
        assertThat(surveyResults.pull().block()).isEqualTo(1);
        assertThat(surveyResults.pull().block()).isZero();
        assertThat(callbacks.sendDue().block()).isEqualTo(1);
        assertThat(callbacks.sendDue().block()).isZero();

        List<HotlinePlatform.Callback> heard = platform.callbacks("HN-0001");
        assertThat(heard)
                .extracting(HotlinePlatform.Callback::step)
                .containsExactly("SIGNED", "DISPATCHED", "HANDLED", "CLOSED", "SURVEYED");
        assertThat(heard).extracting(HotlinePlatform.Callback::trackingNo).containsOnly(trackingNo);
        assertThat(heard.get(1).body()).containsEntry("unit", "焦南街道站");
        assertThat(heard.get(2).body()).containsEntry("text", "摊贩已劝离,路面已清理");
        assertThat(heard.get(3).body()).containsEntry("text", "摊贩已劝离,路面已清理");
        assertThat((Map<String, Object>) heard.get(4).body().get("survey"))
                .containsEntry("result", "SATISFIED")
                .containsEntry("label", "满意");
        assertThat(heard.get(0).body().get("at")).isEqualTo("2026-12-02T10:00:00+08:00");
        assertThat(platform.duplicates()).isZero();
        assertThat(platform.rejected()).isEmpty();
        assertThat(outbox()).containsEntry("waitingCases", 0);
    }

    @Test
    void whileThePlatformIsDownCallbacksWaitWithBackoffShowAsStuckAndArriveInOrderOnceItIsBack() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        String trackingNo = (String) platform.send(order("HN-0002")).json().get("trackingNo");
        platform.down(true);
        moveAsAdmin(trackingNo, "REGISTER", null);
        moveAsAdmin(trackingNo, "DISPATCH", null);

        for (int run = 0; run < 5; run++) {
            assertThat(callbacks.sendDue().block()).isZero();
            assertThat(callbacks.sendDue().block())
                    .as("nothing is due again before its backoff")
                    .isZero();
            clock.set(
                    LocalDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(11)), TimeConfiguration.SHANGHAI));
        }
        assertThat(platform.attempts()).isEqualTo(5);
        Map<String, Object> waiting = onlyWaiting();
        assertThat(waiting)
                .containsEntry("trackingNo", trackingNo)
                .containsEntry("nextStep", "SIGNED")
                .containsEntry("waiting", 2)
                .containsEntry("tries", 5)
                .containsEntry("stuck", true);
        assertThat((String) waiting.get("lastFailure")).contains("503");
        assertThat(outbox()).containsEntry("stuck", 1);

        platform.down(false);
        moveAsAdmin(trackingNo, "HANDLE", "已处理");
        assertThat(callbacks.sendDue().block()).isEqualTo(3);
        assertThat(platform.callbacks("HN-0002"))
                .extracting(HotlinePlatform.Callback::step)
                .containsExactly("SIGNED", "DISPATCHED", "HANDLED");
        assertThat(outbox()).containsEntry("waitingCases", 0);
    }

    @Test
    void anAdminMayRetryAStuckCaseAtOnceAndAFailedAnswerIsRetriedWithTheSameId() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        String trackingNo = (String) platform.send(order("HN-0003")).json().get("trackingNo");
        platform.failNext(1);
        moveAsAdmin(trackingNo, "REJECT", "不属于城管职责,请转交市场监管部门");
        assertThat(callbacks.sendDue().block()).isZero();
        assertThat(onlyWaiting()).containsEntry("tries", 1).containsEntry("stuck", false);

        asAdmin()
                .post()
                .uri("/api/v1/admin/hotline/outbox/" + trackingNo + "/retry")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(callbacks.sendDue().block()).isEqualTo(1);
        HotlinePlatform.Callback returned = platform.callbacks("HN-0003").get(0);
        assertThat(returned.step()).isEqualTo("RETURNED");
        assertThat(returned.body()).containsEntry("text", "不属于城管职责,请转交市场监管部门");
        asAdmin()
                .post()
                .uri("/api/v1/admin/hotline/outbox/" + trackingNo + "/retry")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aCallerWhoSaysNotSolvedReopensTheCaseAndThePlatformHearsTheReopeningAndTheResult() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        String trackingNo = (String) platform.send(order("HN-0030")).json().get("trackingNo");
        for (String action : List.of("REGISTER", "DISPATCH", "HANDLE", "VERIFY", "CLOSE")) {
            moveAsAdmin(trackingNo, action, action.equals("HANDLE") ? "已劝离" : null);
        }
        new SurveyTestAccess(context).sendDue(clock.instant().plus(Duration.ofHours(3)));
        sms.pushReply("http://127.0.0.1:" + port + "/api/v1/sms/replies?secret=" + SMS_CALLBACK_SECRET, CALLER, "4");
        assertThat(staffView(trackingNo)).containsEntry("status", "REOPENED");
        surveyResults.pull().block();
        callbacks.sendDue().block();

        List<HotlinePlatform.Callback> heard = platform.callbacks("HN-0030");
        assertThat(heard)
                .extracting(HotlinePlatform.Callback::step)
                .containsExactly("SIGNED", "DISPATCHED", "HANDLED", "CLOSED", "REOPENED", "SURVEYED");
        assertThat((Map<String, Object>) heard.get(5).body().get("survey"))
                .containsEntry("result", "NOT_SOLVED")
                .containsEntry("solved", "NO");
    }

    @Test
    void aDuplicateMergedIntoAnEarlierCaseGoesBackToThePlatformAsReturned() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        String earlier = (String) platform.send(order("HN-0040")).json().get("trackingNo");
        String duplicate = (String) platform.send(order("HN-0041")).json().get("trackingNo");
        asAdmin()
                .post()
                .uri("/api/v1/admin/complaints/" + duplicate + "/merge")
                .bodyValue(Map.of("into", earlier, "note", "同一摊位"))
                .exchange()
                .expectStatus()
                .isOk();
        callbacks.sendDue().block();
        assertThat(platform.callbacks("HN-0041")).singleElement().satisfies(returned -> {
            assertThat(returned.step()).isEqualTo("RETURNED");
            assertThat((String) returned.body().get("text"))
                    .contains("已合并至 " + earlier)
                    .contains("同一摊位")
                    .contains("平台工单号 HN-0040");
        });
        assertThat(platform.callbacks("HN-0040")).isEmpty();
    }

    @Test
    void twoSendersAtOnceDeliverEveryUpdateOnceAndEachCaseInOrder() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        for (int i = 0; i < 6; i++) {
            String trackingNo =
                    (String) platform.send(order("HN-005" + i)).json().get("trackingNo");
            moveAsAdmin(trackingNo, "REGISTER", null);
            moveAsAdmin(trackingNo, "DISPATCH", null);
            moveAsAdmin(trackingNo, "HANDLE", "已处理");
        }
        platform.delay(Duration.ofMillis(50));
        Tuple2<Long, Long> sent = Mono.zip(
                        callbacks.sendDue().subscribeOn(Schedulers.parallel()),
                        callbacks.sendDue().subscribeOn(Schedulers.parallel()))
                .block();
        platform.delay(Duration.ZERO);
        callbacks.sendDue().block(); // what a lease held back from the other sender, if anything
        assertThat(sent.getT1() + sent.getT2()).isLessThanOrEqualTo(18);
        assertThat(platform.duplicates()).isZero();
        for (int i = 0; i < 6; i++) {
            assertThat(platform.callbacks("HN-005" + i))
                    .extracting(HotlinePlatform.Callback::step)
                    .containsExactly("SIGNED", "DISPATCHED", "HANDLED");
        }
        assertThat(platform.callbacks()).hasSize(18);
    }

    @Test
    void anAdminSkipsACallbackThePlatformRefusesForGoodWithAReasonInTheAuditLogAndTheNextOneGoesOn() {
        station("焦南街道站", "解放区", 35.2151, 113.2421);
        String trackingNo = (String) platform.send(order("HN-0060")).json().get("trackingNo");
        platform.down(true);
        moveAsAdmin(trackingNo, "REGISTER", null);
        moveAsAdmin(trackingNo, "DISPATCH", null);
        callbacks.sendDue().block();
        Map<String, Object> waiting = onlyWaiting();
        asAdmin()
                .post()
                .uri("/api/v1/admin/hotline/outbox/" + trackingNo + "/skip")
                .bodyValue(Map.of("callbackId", "not-in-front", "reason", "x"))
                .exchange()
                .expectStatus()
                .isNotFound();
        asAdmin()
                .post()
                .uri("/api/v1/admin/hotline/outbox/" + trackingNo + "/skip")
                .bodyValue(Map.of("callbackId", waiting.get("callbackId")))
                .exchange()
                .expectStatus()
                .isBadRequest();
        asAdmin()
                .post()
                .uri("/api/v1/admin/hotline/outbox/" + trackingNo + "/skip")
                .bodyValue(Map.of("callbackId", waiting.get("callbackId"), "reason", "平台称该工单已办结,不再接收签收"))
                .exchange()
                .expectStatus()
                .isOk();

        platform.down(false);
        assertThat(callbacks.sendDue().block()).isEqualTo(1);
        assertThat(platform.callbacks("HN-0060"))
                .extracting(HotlinePlatform.Callback::step)
                .containsExactly("DISPATCHED");
        List<Map<String, Object>> audit = asAdmin()
                .get()
                .uri("/api/v1/admin/audit?count=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(audit)
                .extracting(row -> (Map<String, Object>) row.get("entry"))
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("action", "SKIP_PLATFORM_CALLBACK")
                        .containsEntry("trackingNo", trackingNo)
                        .containsEntry("callbackId", waiting.get("callbackId"))
                        .containsEntry("note", "平台称该工单已办结,不再接收签收"));
    }

    @Test
    void theSameOrderSentTwiceIsOneCase() {
        HotlinePlatform.Answer first = platform.send(order("HN-0004"));
        HotlinePlatform.Answer again = platform.send(order("HN-0004"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json())
                .containsEntry("duplicate", true)
                .containsEntry("trackingNo", first.json().get("trackingNo"));
        assertThat(caseCount()).isEqualTo(1);
    }

    @Test
    void anOrderFiledBeforeDistrictsHadHomesSentAgainIsThatCase() {
        String filed = (String) platform.send(order("HN-0005")).json().get("trackingNo");
        // as the code before district homes left it: an old number, the case and the order's key under {complaint}
        String orderKey = redis.keys(everyHome("platform-order", "*")).blockFirst();
        String stored =
                (String) redis.opsForHash().get(caseKey(filed, "cases"), filed).block();
        redis.opsForHash()
                .put("cs:{complaint}:cases", "JZ20261204-000042", stored.replace(filed, "JZ20261204-000042"))
                .block();
        redis.opsForValue()
                .set(orderKey.replaceFirst("\\{complaint:\\d{4}}", "{complaint}"), "JZ20261204-000042")
                .block();
        redis.delete(orderKey).block();
        redis.opsForHash().remove(caseKey(filed, "cases"), filed).block();

        HotlinePlatform.Answer again = platform.send(order("HN-0005"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("duplicate", true).containsEntry("trackingNo", "JZ20261204-000042");
        assertThat(caseCount()).isEqualTo(1);
    }

    @Test
    void aForgedStaleUnknownOrReplayedOrderIsRefusedAndFilesNothing() {
        String body =
                "{\"orderId\":\"HN-0005\",\"channel\":\"电话\",\"category\":\"占道经营\",\"description\":\"占道\",\"address\":\"解放区\","
                        + "\"timeLimit\":\"2026-12-04T10:00:00+08:00\",\"receivedAt\":\"2026-12-02T09:58:00+08:00\"}";
        long now = clock.instant().getEpochSecond();

        HotlinePlatform.Answer forged = platform.sendSigned(
                body,
                now,
                "nonce-forged-000001",
                HotlinePlatform.sign("not-the-secret-at-all", now, "nonce-forged-000001", body));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json()).containsEntry("code", "signature-invalid");

        HotlinePlatform.Answer tampered = platform.sendSigned(
                body.replace("占道\"", "占道经营\""),
                now,
                "nonce-tampered-0001",
                HotlinePlatform.sign(platform.secret(), now, "nonce-tampered-0001", body));
        assertThat(tampered.json()).containsEntry("code", "signature-invalid");

        long old = now - 301;
        HotlinePlatform.Answer stale = platform.sendSigned(
                body,
                old,
                "nonce-stale-0000001",
                HotlinePlatform.sign(platform.secret(), old, "nonce-stale-0000001", body));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json()).containsEntry("code", "request-stale");
        assertThat((String) stale.json().get("detail")).contains("301 秒");

        assertThat(caseCount()).isZero();
        String signature = HotlinePlatform.sign(platform.secret(), now, "nonce-replayed-0001", body);
        assertThat(platform.sendSigned(body, now, "nonce-replayed-0001", signature)
                        .status())
                .isEqualTo(201);
        HotlinePlatform.Answer replayed = platform.sendSigned(body, now, "nonce-replayed-0001", signature);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.json()).containsEntry("code", "request-replayed");
        assertThat(caseCount()).isEqualTo(1);

        web.post()
                .uri("/hotline/v1/orders")
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("code", "signature-invalid"));
    }

    @Test
    void aBadOrderIsAnsweredWithEveryWrongFieldInChinese() {
        Map<String, Object> order = order("bad id!");
        order.remove("address");
        order.remove("location");
        order.put("channel", "传真");
        order.put("reporter", Map.of("name", "李女士", "phone", "12345"));
        order.remove("timeLimit");
        HotlinePlatform.Answer answer = platform.send(order);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("code", "validation-failed");
        assertThat((List<Map<String, Object>>) answer.json().get("errors"))
                .extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder("orderId", "channel", "address", "reporter.phone", "timeLimit");
        assertThat(caseCount()).isZero();

        // nothing was filed, so the very same request may come again (and is refused again for what it says, not as a
        // replay)
        long now = clock.instant().getEpochSecond();
        String badTime = "{\"orderId\":\"HN-0006\",\"channel\":\"电话\",\"category\":\"占道经营\",\"description\":\"占道\","
                + "\"address\":\"解放区\",\"timeLimit\":\"2026-12-04 18:00\",\"receivedAt\":\"2026-12-02T09:58:00+08:00\"}";
        String signature = HotlinePlatform.sign(platform.secret(), now, "nonce-bad-time-0001", badTime);
        for (int attempt = 0; attempt < 2; attempt++) {
            HotlinePlatform.Answer refused = platform.sendSigned(badTime, now, "nonce-bad-time-0001", signature);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json()).containsEntry("code", "validation-failed");
            assertThat((List<Map<String, Object>>) refused.json().get("errors"))
                    .extracting(error -> error.get("field"))
                    .containsExactly("timeLimit");
        }
    }

    @Test
    void anAddressWithoutCoordinatesIsRoutedByTheSubdistrictOrDistrictItNamesElseLeftFlaggedForADispatcher() {
        String jiaonan = station("焦南街道站", "解放区", 35.2151, 113.2421);
        String baijianfang = station("百间房站", "山阳区", 35.23, 113.27);

        String bySubdistrict = fileWithoutPoint("HN-0010", "焦作市解放区焦南街道民主路12号");
        assertThat((Map<String, Object>) staffView(bySubdistrict).get("routing"))
                .containsEntry("stationId", jiaonan)
                .containsEntry("subdistrict", "焦南街道");
        assertThat(staffView(bySubdistrict)).containsEntry("flagged", false).containsEntry("location", null);

        String byDistrict = fileWithoutPoint("HN-0011", "焦作市山阳区某小区门口");
        assertThat((Map<String, Object>) staffView(byDistrict).get("routing"))
                .containsEntry("district", "山阳区")
                .containsEntry("stationId", null);

        String nowhere = fileWithoutPoint("HN-0012", "不知道在哪儿");
        assertThat((Map<String, Object>) staffView(nowhere).get("routing")).containsEntry("district", null);
        assertThat(staffView(nowhere)).containsEntry("flagged", true);

        // a case without a point still goes round the loop (nothing of the nearby search or the map needs it), and a
        // dispatcher routes the one left with its district to a station
        moveAsAdmin(bySubdistrict, "REGISTER", null);
        moveAsAdmin(bySubdistrict, "DISPATCH", null);
        assertThat(staffView(bySubdistrict)).containsEntry("status", "DISPATCHED");
        asAdmin()
                .post()
                .uri("/api/v1/admin/complaints/" + byDistrict + "/routing")
                .bodyValue(Map.of("stationId", baijianfang, "reason", "来电人补充了地址"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat((Map<String, Object>) staffView(byDistrict).get("routing"))
                .containsEntry("stationId", baijianfang)
                .containsEntry("distance", null);
    }

    @Test
    void categoriesAreMappedByTheTableOrOurNamesAndThePlatformsStricterTimeLimitApplies() {
        Map<String, Object> vending = order("HN-0020");
        vending.put("category", "城市管理/市容环境/流动摊贩");
        OffsetDateTime limit = OffsetDateTime.of(2026, 12, 2, 10, 30, 0, 0, ZoneOffset.ofHours(8));
        vending.put("timeLimit", limit.toString());
        String mapped = (String) platform.send(vending).json().get("trackingNo");
        assertThat(staffView(mapped))
                .containsEntry("category", "street-vending")
                .containsEntry("flagged", false);
        assertThat(OffsetDateTime.parse((String) staffView(mapped).get("deadline"))
                        .toInstant())
                .isEqualTo(limit.toInstant());
        assertThat((Map<String, Object>) staffView(mapped).get("source"))
                .containsEntry("platformTimeLimit", "2026-12-02T10:30:00+08:00");

        Map<String, Object> manhole = order("HN-0021");
        manhole.put("category", "市政设施-井盖");
        assertThat(staffView((String) platform.send(manhole).json().get("trackingNo")))
                .containsEntry("category", "manhole-covers");

        Map<String, Object> unknown = order("HN-0022");
        unknown.put("category", "交通运输/出租车拒载");
        String guessed = (String) platform.send(unknown).json().get("trackingNo");
        assertThat(staffView(guessed)).containsEntry("category", "other").containsEntry("flagged", true);
        // our own limit (register in 2 working hours) is the stricter one here
        assertThat(OffsetDateTime.parse((String) staffView(guessed).get("deadline"))
                        .toInstant())
                .isBefore(OffsetDateTime.parse((String) order("x").get("timeLimit"))
                        .toInstant());
    }

    private Map<String, Object> order(String orderId) {
        Map<String, Object> order = new HashMap<>(platform.order(orderId));
        order.put("category", "城市管理/市容环境/占道经营");
        order.put("description", "民主路与解放路口有流动摊贩占道经营");
        order.put("address", "焦作市解放区焦南街道民主路12号");
        order.put("location", Map.of("lat", 35.2150, "lng", 113.2420, "datum", "GCJ02"));
        order.put("reporter", Map.of("name", "张先生", "phone", CALLER));
        return order;
    }

    private String fileWithoutPoint(String orderId, String address) {
        Map<String, Object> order = order(orderId);
        order.remove("location");
        order.put("address", address);
        HotlinePlatform.Answer answer = platform.send(order);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return (String) answer.json().get("trackingNo");
    }

    private Map<String, Object> staffView(String trackingNo) {
        return asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> outbox() {
        return asAdmin()
                .get()
                .uri("/api/v1/admin/hotline/outbox")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> onlyWaiting() {
        List<Map<String, Object>> items = (List<Map<String, Object>>) outbox().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private long caseCount() {
        return redis.keys(everyHome("cases"))
                .flatMap(cases -> redis.opsForHash().size(cases))
                .reduce(0L, Long::sum)
                .block();
    }
}
