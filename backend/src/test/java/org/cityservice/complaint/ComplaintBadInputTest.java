package org.cityservice.complaint;

import static org.cityservice.support.Problems.problem;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Bodies the fuzz test found answered with a 500: each a 400 problem naming the field. */
class ComplaintBadInputTest extends IntegrationTest {

    @Test
    void aNullPhotoIdIs400NamingIt() {
        String body = """
                {"category":"street-vending","description":"人民路口有人占道卖水果","location":{"lat":35.2405,"lng":113.1680},
                 "photos":[null]}""";
        problem(
                        as(residentToken("alice"))
                                .post()
                                .uri("/api/v1/complaints")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos[0]");
    }
}
