package org.cityservice.stub.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in answers as WeChat does, over plain HTTP, so WxJava cannot tell the difference. */
class WechatPlatformTest {

    private static final String APPID = "wx-test";
    private static final String SECRET = "test-secret";
    private static WechatPlatform platform;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        platform = WechatPlatform.start(0, APPID, SECRET, "push-token", null);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @BeforeEach
    void reset() {
        platform.reset();
    }

    @Test
    void aLoginCodeWorksOnceAndNotAfterFiveMinutes() {
        String code = platform.loginCode("alice");
        JsonNode session = get("/sns/jscode2session?appid=" + APPID + "&secret=" + SECRET + "&js_code=" + code
                + "&grant_type=authorization_code");
        assertThat(session.get("openid").asString()).isEqualTo(platform.openid("alice"));
        assertThat(session.get("session_key").asString()).isNotBlank();
        assertThat(session.has("errcode")).isFalse();

        JsonNode reused = get("/sns/jscode2session?appid=" + APPID + "&secret=" + SECRET + "&js_code=" + code);
        assertThat(reused.get("errcode").asInt()).isEqualTo(40163);

        String late = platform.loginCode("alice");
        platform.advanceClock(Duration.ofMinutes(5));
        assertThat(get("/sns/jscode2session?appid=" + APPID + "&secret=" + SECRET + "&js_code=" + late)
                        .get("errcode")
                        .asInt())
                .isEqualTo(40029);
    }

    @Test
    void aNewTokenReplacesTheOldOneAndStableTokenKeepsIt() {
        String first = get("/cgi-bin/token?grant_type=client_credential&appid=" + APPID + "&secret=" + SECRET)
                .get("access_token")
                .asString();
        String second = get("/cgi-bin/token?grant_type=client_credential&appid=" + APPID + "&secret=" + SECRET)
                .get("access_token")
                .asString();
        assertThat(post("/wxa/business/getuserphonenumber?access_token=" + first, Map.of("code", "x"))
                        .get("errcode")
                        .asInt())
                .isEqualTo(40001);

        Map<String, Object> stable = Map.of("grant_type", "client_credential", "appid", APPID, "secret", SECRET);
        assertThat(post("/cgi-bin/stable_token", stable).get("access_token").asString())
                .isEqualTo(second);
        assertThat(post("/cgi-bin/token", Map.of()).get("errcode").asInt()).isEqualTo(40013);

        platform.advanceClock(Duration.ofHours(2));
        assertThat(post("/wxa/business/getuserphonenumber?access_token=" + second, Map.of("code", "x"))
                        .get("errcode")
                        .asInt())
                .isEqualTo(42001);
    }

    @Test
    void aPhoneCodeGivesThePhone() {
        String token = token();
        String code = platform.phoneCode("alice", "13800001234");
        JsonNode answer = post("/wxa/business/getuserphonenumber?access_token=" + token, Map.of("code", code));
        assertThat(answer.get("errcode").asInt()).isZero();
        assertThat(answer.at("/phone_info/purePhoneNumber").asString()).isEqualTo("13800001234");
        assertThat(answer.at("/phone_info/watermark/appid").asString()).isEqualTo(APPID);
    }

    @Test
    void aSubscribeMessageNeedsAGrantAndFieldsWithinLimits() {
        String token = token();
        String openid = platform.openid("alice");
        Map<String, Object> message =
                Map.of("touser", openid, "template_id", "T1", "data", Map.of("thing1", Map.of("value", "您的诉求已受理")));

        assertThat(post("/cgi-bin/message/subscribe/send?access_token=" + token, message)
                        .get("errcode")
                        .asInt())
                .isEqualTo(43101);

        platform.acceptSubscribe("alice", "T1");
        Map<String, Object> tooLong = Map.of(
                "touser",
                openid,
                "template_id",
                "T1",
                "data",
                Map.of("thing1", Map.of("value", "一二三四五六七八九十一二三四五六七八九十一")));
        assertThat(post("/cgi-bin/message/subscribe/send?access_token=" + token, tooLong)
                        .get("errcode")
                        .asInt())
                .isEqualTo(47003);
        assertThat(post("/cgi-bin/message/subscribe/send?access_token=" + token, message)
                        .get("errcode")
                        .asInt())
                .isZero();
        assertThat(post("/cgi-bin/message/subscribe/send?access_token=" + token, message)
                        .get("errcode")
                        .asInt())
                .isEqualTo(43101);

        assertThat(platform.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.touser()).isEqualTo(openid);
            assertThat(sent.data()).containsEntry("thing1", "您的诉求已受理");
        });
        assertThat(get("/_stub/sent").size()).isEqualTo(1);
    }

    @Test
    void riskyWordsAreReportedInTheResultNotAsAnError() {
        String token = token();
        platform.riskyWords("赌博");
        Map<String, Object> risky =
                Map.of("version", 2, "openid", platform.openid("a"), "scene", 1, "content", "这里有人赌博");
        JsonNode answer = post("/wxa/msg_sec_check?access_token=" + token, risky);
        assertThat(answer.get("errcode").asInt()).isZero();
        assertThat(answer.at("/result/suggest").asString()).isEqualTo("risky");

        Map<String, Object> fine = Map.of("version", 2, "openid", platform.openid("a"), "scene", 1, "content", "路灯坏了");
        assertThat(post("/wxa/msg_sec_check?access_token=" + token, fine)
                        .at("/result/suggest")
                        .asString())
                .isEqualTo("pass");
    }

    @Test
    void itCanBeToldToBeBusy() {
        platform.answerBusy(1);
        assertThat(get("/cgi-bin/token?grant_type=client_credential&appid=" + APPID + "&secret=" + SECRET)
                        .get("errcode")
                        .asInt())
                .isEqualTo(-1);
        assertThat(get("/cgi-bin/token?grant_type=client_credential&appid=" + APPID + "&secret=" + SECRET)
                        .has("access_token"))
                .isTrue();
    }

    @Test
    void theControlApiDoesWhatAPhoneDoes() {
        JsonNode code = post("/_stub/login-code", Map.of("user", "bob"));
        assertThat(code.get("openid").asString()).isEqualTo(platform.openid("bob"));
        assertThat(get("/sns/jscode2session?appid=" + APPID + "&secret=" + SECRET + "&js_code="
                                + code.get("code").asString())
                        .get("openid")
                        .asString())
                .isEqualTo(platform.openid("bob"));
        assertThat(post("/_stub/subscribe", Map.of("user", "bob", "templateId", "T2"))
                        .get("left")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aPushIsSignedTheWayWechatSignsIt() {
        assertThat(EventPusher.signature("token", "1700000000", "123"))
                .isEqualTo(sha1Hex("123" + "1700000000" + "token"));
    }

    private static String sha1Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token() {
        return get("/cgi-bin/token?grant_type=client_credential&appid=" + APPID + "&secret=" + SECRET)
                .get("access_token")
                .asString();
    }

    private JsonNode get(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(platform.url() + path)).GET().build());
    }

    private JsonNode post(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
