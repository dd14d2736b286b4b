package org.cityservice.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.stub.wechat.EventPusher;
import org.cityservice.stub.wechat.EventPusher.Format;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.test.StepVerifier;

/** Pushes that would have been forgeable or crashed the parser: replays with another body, DOCTYPEs, junk, plain pushes in safe mode. */
class WechatPushTest extends IntegrationTest {

    private static final String SURVEY = "local-survey";
    private static final String STATUS_CHANGE = "local-status-change";

    @LocalServerPort
    private int port;

    @Autowired
    private WxMaService wx;

    @Autowired
    private WechatEvents events;

    @Autowired
    private RedisKeys keys;

    @Test
    void aCapturedSignatureReplayedWithAnEditedBodyIsRefused() {
        String alice = residentToken("alice");
        EventPusher.Delivery genuine =
                wechat.pushSubscribePopup(pushUrl(), "alice", Map.of(SURVEY, "accept"), Format.XML);
        assertThat(genuine.status()).isEqualTo(200);
        String edited = genuine.payload().replace(SURVEY, STATUS_CHANGE);

        for (int i = 0; i < 3; i++) {
            web.post()
                    .uri(genuine.target())
                    .header("Content-Type", "text/xml")
                    .bodyValue(edited)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("unauthorized");
        }
        assertThat(wechat.redeliver(genuine).status()).isEqualTo(200); // WeChat's own retry: the same body
        as(alice)
                .get()
                .uri("/api/v1/me/subscriptions")
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.name == 'survey')].grants")
                .isEqualTo(List.of(1))
                .jsonPath("$[?(@.name == 'status-change')].grants")
                .isEqualTo(List.of(0));
    }

    @Test
    void aDoctypeIsRefusedBeforeParsingAndJunkIsA400() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><FromUserName>&e;</FromUserName><Event>subscribe_msg_popup_event</Event></xml>";
        push(xxe, "text/xml", "1")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("bad-request")
                .jsonPath("$.detail")
                .isEqualTo("推送内容不得包含 DOCTYPE");
        push("<xml><FromUserName>", "text/xml", "2")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("推送内容不是有效的 XML 或 JSON");
        push("{\"FromUserName\": [", "application/json", "3")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("bad-request");
    }

    @Test
    void aTimestampThatIsNotTenDigitsIsRefused() {
        String timestamp =
                "0" + clock.instant().getEpochSecond(); // the same signed string with a "0" moved from the nonce
        web.post()
                .uri("/api/v1/wechat/push?signature=" + EventPusher.signature(wechat.pushToken(), timestamp, "7")
                        + "&timestamp=" + timestamp + "&nonce=7")
                .header("Content-Type", "text/xml")
                .bodyValue("<xml><Event>x</Event></xml>")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void withAnAesKeyConfiguredOnlySafeModePushesAreTaken() {
        WechatConnection safe = new WechatConnection(
                "wx-local-appid", "secret", wechat.pushToken(), "k".repeat(43), wechat.url(), true);
        WechatPushController controller = new WechatPushController(wx, safe, events, redis, keys, clock);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String plain = "<xml><FromUserName>o</FromUserName><Event>subscribe_msg_popup_event</Event></xml>";
        StepVerifier.create(controller.receive(
                        EventPusher.signature(wechat.pushToken(), timestamp, "9"), timestamp, "9", null, null, plain))
                .expectErrorSatisfies(
                        error -> assertThat(((ApiException) error).type()).isEqualTo(ProblemType.UNAUTHORIZED))
                .verify();
    }

    @Test
    void inLocalModeEveryAnswerNamesThePlatformsPlayedByStandIns() {
        web.get()
                .uri("/api/v1/complaint-categories")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .values(
                        WechatConfiguration.LOCAL_PLATFORMS_HEADER,
                        values -> assertThat(values).containsExactlyInAnyOrder("wechat", "sms"));
        web.get()
                .uri("/api/v1/no-such-thing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .exists(WechatConfiguration.LOCAL_PLATFORMS_HEADER);
    }

    @Test
    void aRealMiniProgramWithoutItsPushTokenDoesNotStart() {
        WechatProperties noToken = new WechatProperties(
                "wx0123456789", "secret", " ", null, null, java.time.Duration.ofSeconds(5), 2, 64, 9911, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WechatConfiguration.connection(noToken, false))
                .hasMessageContaining("APP_WECHAT_TOKEN");
        WechatProperties standInTemplate = new WechatProperties(
                "wx0123456789",
                "secret",
                "token",
                null,
                null,
                java.time.Duration.ofSeconds(5),
                2,
                64,
                9911,
                Map.of("survey", new SubscribeTemplate("local-survey", "pages/survey/index", Map.of())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WechatConfiguration.connection(standInTemplate, false))
                .hasMessageContaining("APP_WECHAT_TEMPLATE_SURVEY");
        WechatProperties withAes = new WechatProperties(
                "wx0123456789",
                "secret",
                "token",
                "k".repeat(43),
                null,
                java.time.Duration.ofSeconds(5),
                2,
                64,
                9911,
                Map.of());
        assertThat(WechatConfiguration.connection(withAes, false).safeModeOnly())
                .isTrue();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec push(
            String body, String contentType, String nonce) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return web.post()
                .uri("/api/v1/wechat/push?signature=" + EventPusher.signature(wechat.pushToken(), timestamp, nonce)
                        + "&timestamp=" + timestamp + "&nonce=" + nonce)
                .header("Content-Type", contentType)
                .bodyValue(body)
                .exchange();
    }

    private String pushUrl() {
        return "http://127.0.0.1:" + port + "/api/v1/wechat/push";
    }
}
