package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cityservice.identity.SubscribeMessages.Outcome;
import org.cityservice.stub.wechat.EventPusher;
import org.cityservice.stub.wechat.EventPusher.Format;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Flux;

class SubscribeMessagesTest extends IntegrationTest {

    private static final String STATUS_CHANGE = "local-status-change";
    private static final String SURVEY = "local-survey";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private SubscribeMessages messages;

    @LocalServerPort
    private int port;

    @Test
    void theMiniProgramReportsWhatWasAllowed() {
        Resident alice = login("alice");
        alice.client()
                .post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of(STATUS_CHANGE, "accept", SURVEY, "reject"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'status-change')].grants")
                .isEqualTo(List.of(1))
                .jsonPath("$[?(@.name == 'survey')].grants")
                .isEqualTo(List.of(0));
        alice.client()
                .post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of(STATUS_CHANGE, "allow"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo(STATUS_CHANGE);
    }

    /** wx.requestSubscribeMessage's success result, as WeChat's documentation shows it: errMsg beside one key per template. */
    @Test
    void theResultIsTakenExactlyAsWechatGivesItWithErrMsgAndEveryDecision() {
        Resident alice = login("alice");
        String result = "{\"errMsg\":\"requestSubscribeMessage:ok\",\"" + STATUS_CHANGE + "\":\"accept\",\"" + SURVEY
                + "\":\"reject\","
                + "\"local-reminder\":\"ban\",\"zun-LzcQyW-edafCVvzPkK4de2Rllr1fFpw2A_x0oXE\":\"filter\"}";
        alice.client()
                .post()
                .uri("/api/v1/me/subscriptions")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(result)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'status-change')].grants")
                .isEqualTo(List.of(1))
                .jsonPath("$[?(@.name == 'survey')].grants")
                .isEqualTo(List.of(0))
                .jsonPath("$[?(@.name == 'reminder')].grants")
                .isEqualTo(List.of(0));
        alice.client()
                .post()
                .uri("/api/v1/me/subscriptions")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"errMsg\":\"requestSubscribeMessage:ok\",\"" + SURVEY + "\":\"filter\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'survey')].grants")
                .isEqualTo(List.of(0));
    }

    @Test
    void sendingUsesOneGrantAndCutsLongValuesToWechatsLimits() {
        Resident alice = login("alice");
        allow(alice, "alice", STATUS_CHANGE);

        Outcome first = messages.send(
                        alice.id(),
                        "status-change",
                        Map.of(
                                "trackingNo",
                                "JZ20261122-000123",
                                "status",
                                "已受理",
                                "note",
                                "您反映的占道经营问题已转交中站区许衡街道社区城管服务站处理",
                                "at",
                                "2026-11-22 10:00"),
                        "no=JZ20261122-000123")
                .block();
        Outcome second = messages.send(alice.id(), "status-change", Map.of("trackingNo", "JZ20261122-000124"), null)
                .block();

        assertThat(first).isEqualTo(Outcome.SENT);
        assertThat(second).isEqualTo(Outcome.NO_GRANT);
        assertThat(wechat.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.touser()).isEqualTo(wechat.openid("alice"));
            assertThat(sent.templateId()).isEqualTo(STATUS_CHANGE);
            assertThat(sent.page()).isEqualTo("pages/complaint/detail?no=JZ20261122-000123");
            assertThat(sent.data())
                    .containsEntry("character_string1", "JZ20261122-000123")
                    .containsEntry("phrase2", "已受理");
            assertThat(sent.data().get("thing3")).hasSize(20).endsWith("…").startsWith("您反映的占道经营问题");
        });
    }

    @Test
    void parallelSendsSpendEachGrantOnce() {
        Resident alice = login("alice");
        for (int i = 0; i < 4; i++) {
            allow(alice, "alice", SURVEY);
        }
        List<Outcome> outcomes = Flux.fromStream(IntStream.range(0, 5).boxed())
                .flatMap(i -> messages.send(alice.id(), "survey", Map.of("title", "回访 " + i), null), 5)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(outcomes).filteredOn(o -> o == Outcome.SENT).hasSize(4);
        assertThat(outcomes).filteredOn(o -> o == Outcome.NO_GRANT).hasSize(1);
        assertThat(wechat.sent()).hasSize(4);
    }

    @Test
    void wechatSayingNoGrantLeftSetsTheCountToZero() {
        Resident alice = login("alice");
        report(alice, STATUS_CHANGE);
        report(alice, STATUS_CHANGE); // the platform never saw these accepts: our count is wrong

        assertThat(messages.send(alice.id(), "status-change", Map.of("trackingNo", "x"), null)
                        .block())
                .isEqualTo(Outcome.NO_GRANT);
        assertThat(grants(alice, "status-change")).isZero();
        assertThat(wechat.sent()).isEmpty();
    }

    @Test
    void aPlatformOutageGivesTheGrantBack() {
        Resident alice = login("alice");
        allow(alice, "alice", SURVEY);
        wechat.answerBusy(10);

        assertThat(messages.send(alice.id(), "survey", Map.of("title", "回访"), null)
                        .block())
                .isEqualTo(Outcome.FAILED);
        assertThat(grants(alice, "survey")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aPushedAcceptCountsOnceEvenWhenTheMiniProgramReportsItToo(Format format) {
        Resident alice = login("alice");
        EventPusher.Delivery pushed = wechat.pushSubscribePopup(
                pushUrl(), "alice", Map.of(SURVEY, "accept", STATUS_CHANGE, "reject"), format);
        assertThat(pushed.status()).isEqualTo(200);
        assertThat(pushed.body()).isEqualTo("success");
        report(alice, SURVEY); // the same accept, as the mini-program saw it

        assertThat(grants(alice, "survey")).isEqualTo(1);
        assertThat(grants(alice, "status-change")).isZero();

        report(alice, SURVEY); // a second popup, reported first this time
        wechat.pushSubscribePopup(pushUrl(), "alice", Map.of(SURVEY, "accept"), format);
        assertThat(grants(alice, "survey")).isEqualTo(2);
    }

    @Test
    void switchingATemplateOffTakesItsGrantsAway() {
        Resident alice = login("alice");
        report(alice, SURVEY);
        report(alice, SURVEY);
        assertThat(wechat.pushSubscribeChange(pushUrl(), "alice", Map.of(SURVEY, "reject"), Format.JSON)
                        .status())
                .isEqualTo(200);
        assertThat(grants(alice, "survey")).isZero();
    }

    @Test
    void aReplayedPushIsProcessedOnce() {
        Resident alice = login("alice");
        EventPusher.Delivery first =
                wechat.pushSubscribePopup(pushUrl(), "alice", Map.of(SURVEY, "accept"), Format.XML);
        EventPusher.Delivery replay = wechat.redeliver(first);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("success");
        assertThat(grants(alice, "survey")).isEqualTo(1);
    }

    @Test
    void aPushWithABadSignatureIs401AndChangesNothing() {
        Resident alice = login("alice");
        String event =
                "<xml><FromUserName><![CDATA[" + wechat.openid("alice") + "]]></FromUserName><CreateTime>1</CreateTime>"
                        + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>"
                        + "<List><TemplateId><![CDATA[" + SURVEY
                        + "]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>"
                        + "</List></SubscribeMsgPopupEvent></xml>";
        long now = System.currentTimeMillis() / 1000;
        web.post()
                .uri("/api/v1/wechat/push?signature=0123456789abcdef0123456789abcdef01234567&timestamp=" + now
                        + "&nonce=1")
                .header("Content-Type", "text/xml")
                .bodyValue(event)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized");
        web.post()
                .uri("/api/v1/wechat/push")
                .header("Content-Type", "text/xml")
                .bodyValue(event)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(grants(alice, "survey")).isZero();
    }

    @Test
    void aSafeModePushIsDecryptedOnlyWhenItsMsgSignatureIsRight() {
        Resident alice = login("alice");
        // let the platform build a real safe-mode push, delivered nowhere, then send it ourselves
        EventPusher.Delivery built = wechat.pushSubscribePopup(
                "http://127.0.0.1:" + port + "/nowhere", "alice", Map.of(SURVEY, "accept"), Format.SAFE_XML);
        String genuine = built.target().getRawPath().replace("/nowhere", "/api/v1/wechat/push") + "?"
                + built.target().getRawQuery();
        String tampered = genuine.replaceAll("msg_signature=[0-9a-f]+", "msg_signature=" + "0".repeat(40));

        web.post()
                .uri(tampered)
                .header("Content-Type", "text/xml")
                .bodyValue(built.payload())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(grants(alice, "survey")).isZero();
        web.post()
                .uri(genuine)
                .header("Content-Type", "text/xml")
                .bodyValue(built.payload())
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(grants(alice, "survey")).isEqualTo(1);
    }

    @Test
    void aStalePushIsRefusedEvenWithAGoodSignature() {
        Resident alice = login("alice");
        wechat.advanceClock(Duration.ofMinutes(-10));
        assertThat(wechat.pushSubscribePopup(pushUrl(), "alice", Map.of(SURVEY, "accept"), Format.XML)
                        .status())
                .isEqualTo(401);
        assertThat(grants(alice, "survey")).isZero();
    }

    @Test
    void urlVerificationAnswersEchostrOnlyToWechat() {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = EventPusher.signature(wechat.pushToken(), timestamp, "42");
        web.get()
                .uri("/api/v1/wechat/push?signature=" + signature + "&timestamp=" + timestamp
                        + "&nonce=42&echostr=hello")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("hello");
        web.get()
                .uri("/api/v1/wechat/push?signature=" + signature + "&timestamp=" + timestamp
                        + "&nonce=43&echostr=hello")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private record Resident(
            String id, String token, org.springframework.test.web.reactive.server.WebTestClient client) {}

    @SuppressWarnings("unchecked")
    private Resident login(String user) {
        Map<String, Object> login = web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", wechat.loginCode(user)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String token = (String) login.get("token");
        return new Resident(
                (String) ((Map<String, Object>) login.get("resident")).get("id"),
                token,
                web.mutate().defaultHeader("Authorization", "Bearer " + token).build());
    }

    /** The resident taps "allow": the platform grants it, and the mini-program reports it. */
    private void allow(Resident resident, String user, String templateId) {
        wechat.acceptSubscribe(user, templateId);
        report(resident, templateId);
    }

    private void report(Resident resident, String templateId) {
        resident.client()
                .post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of(templateId, "accept"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private long grants(Resident resident, String name) {
        List<Map<String, Object>> held = resident.client()
                .get()
                .uri("/api/v1/me/subscriptions")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        return held.stream()
                .filter(g -> name.equals(g.get("name")))
                .mapToLong(g -> ((Number) g.get("grants")).longValue())
                .sum();
    }

    private String pushUrl() {
        return "http://127.0.0.1:" + port + "/api/v1/wechat/push";
    }
}
