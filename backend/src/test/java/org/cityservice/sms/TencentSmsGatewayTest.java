package org.cityservice.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** The Tencent Cloud SDK against the local stand-in, which checks every TC3 signature; and the callbacks' secret. */
class TencentSmsGatewayTest extends IntegrationTest {

    @Autowired
    private SmsGateway gateway;

    @Autowired
    private SmsProperties properties;

    @Test
    void aMessageReachesTheProviderWithItsTemplateParametersAndOurReference() {
        String serial = gateway.send("13812345678", "survey", List.of("JZ20261124-000001", "1"), "sv-1")
                .block();

        assertThat(sms.sent()).singleElement().satisfies(message -> {
            assertThat(message.serialNo()).isEqualTo(serial);
            assertThat(message.phone()).isEqualTo("13812345678");
            assertThat(message.templateId()).isEqualTo("local-survey");
            assertThat(message.params()).containsExactly("JZ20261124-000001", "1");
            assertThat(message.sessionContext()).isEqualTo("sv-1");
            assertThat(message.signName()).isEqualTo("城管服务");
        });
    }

    @Test
    void aBurstOfSendsReusesItsConnections() {
        int sends = 1_000;
        Flux.range(0, sends)
                .flatMap(
                        i -> gateway.send(String.format("138%08d", i), "survey", List.of("x"), "sv-" + i),
                        properties.maxConcurrentSends())
                .blockLast();

        assertThat(sms.sent()).hasSize(sends);
        // the SDK's own client kept 5 idle connections and opened a new one for most sends of a burst
        assertThat(sms.connections()).isLessThanOrEqualTo(properties.maxConcurrentSends());
    }

    @Test
    void aNumberTheProviderCannotReachIsAPermanentFailureAndAnOutageIsNot() {
        sms.unreachable("13800000000");
        assertThatThrownBy(() -> gateway.send("13800000000", "survey", List.of("x"), "sv-2")
                        .block())
                .isInstanceOfSatisfying(SmsException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.code()).isEqualTo("InvalidParameterValue.IncorrectPhoneNumber");
                });
        sms.failNext(1);
        assertThatThrownBy(() -> gateway.send("13812345678", "survey", List.of("x"), "sv-3")
                        .block())
                .isInstanceOfSatisfying(
                        SmsException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(sms.sent()).isEmpty();
    }

    @Test
    void aWrongSecretKeyIsRefusedByTheProvider() {
        TencentSmsGateway wrong = new TencentSmsGateway(
                new SmsConnection(sms.secretId(), "not-the-key", sms.sdkAppId(), sms.endpoint(), "http://"),
                properties);
        try {
            assertThatThrownBy(() -> wrong.send("13812345678", "survey", List.of("x"), "sv-4")
                            .block())
                    .isInstanceOfSatisfying(
                            SmsException.class, e -> assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure"));
            assertThat(sms.sent()).isEmpty();
        } finally {
            wrong.destroy();
        }
    }

    @Test
    void callbacksWithoutTheSecretAre401() {
        web.post()
                .uri("/api/v1/sms/replies")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mobile", "13812345678", "text", "1"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized");
        web.post()
                .uri("/api/v1/sms/reports?secret=guess")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/api/v1/sms/reports")
                .header("X-Callback-Secret", SMS_CALLBACK_SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.result")
                .isEqualTo(0)
                .jsonPath("$.errmsg")
                .isEqualTo("OK");
        web.post()
                .uri("/api/v1/sms/replies?secret=" + SMS_CALLBACK_SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("malformed-json");
    }

    @Test
    void anSmsAccountWithoutItsCallbackSecretDoesNotStart() {
        SmsProperties noCallbackSecret = new SmsProperties(
                "AKIDreal",
                "key",
                "1400000001",
                "城管服务",
                "ap-guangzhou",
                "sms.tencentcloudapi.com",
                "https://",
                64,
                java.time.Duration.ofSeconds(5),
                Map.of(),
                " ",
                9913);
        assertThatThrownBy(() -> SmsConfiguration.connection(noCallbackSecret, false))
                .hasMessageContaining("APP_SMS_CALLBACK_SECRET");
    }

    /** With the stand-ins' template ids or SDK app every message would be refused by Tencent for good, and silently. */
    @Test
    void aRealSmsAccountWithTheStandInsTemplatesDoesNotStartOutsideLocalMode() {
        SmsProperties standIn = new SmsProperties(
                "AKIDreal",
                "key",
                "1400000000",
                "城管服务",
                "ap-guangzhou",
                "sms.tencentcloudapi.com",
                "https://",
                64,
                java.time.Duration.ofSeconds(5),
                Map.of("survey-which", "local-survey-which"),
                "callback-secret",
                9913);
        assertThatThrownBy(() -> SmsConfiguration.connection(standIn, false))
                .hasMessageContaining("APP_SMS_TEMPLATE_SURVEY_WHICH")
                .hasMessageContaining("APP_SMS_SDK_APP_ID");
        assertThat(SmsConfiguration.connection(standIn, true))
                .isNotNull(); // local mode: a real SDK against the stand-in
    }
}
