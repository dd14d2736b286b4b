package org.cityservice.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What every refusal must look like: the status, an RFC 9457 problem with its stable code, a Chinese detail. */
public final class Problems {

    private Problems() {}

    public static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.type")
                .isEqualTo("urn:cityservice:problem:" + code)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).containsPattern("[\\u4e00-\\u9fa5]"));
    }
}
