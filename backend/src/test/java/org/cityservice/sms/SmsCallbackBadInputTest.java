package org.cityservice.sms;

import static org.cityservice.support.Problems.problem;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** A reply callback whose fields cannot be a real reply is a 400 problem, not a 500 with a stack trace. */
class SmsCallbackBadInputTest extends IntegrationTest {

    @ParameterizedTest(name = "time={0}")
    @ValueSource(
            strings = {"99999999999999999", "-99999999999999999", "9223372036854775807", "-9223372036854775808", "1e300"
            })
    void aReplyTimeOutOfRangeIs400(String time) {
        String body = "{\"mobile\":\"13800001234\",\"nationcode\":\"86\",\"text\":\"1\",\"time\":" + time
                + ",\"sign\":\"城管服务\"}";
        problem(
                        web.post()
                                .uri("/api/v1/sms/replies")
                                .header("X-Callback-Secret", SMS_CALLBACK_SECRET)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("time");
    }

    @Test
    void moreReportsThanTheLimitInOneCallbackAre400NamingIt() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= 1_000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"sid\":\"s")
                    .append(i)
                    .append("\",\"mobile\":\"13800001234\",\"report_status\":\"SUCCESS\"}");
        }
        problem(
                        web.post()
                                .uri("/api/v1/sms/reports")
                                .header("X-Callback-Secret", SMS_CALLBACK_SECRET)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body.append(']').toString())
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.detail")
                .value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("1000"));
    }
}
