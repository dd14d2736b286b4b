package org.cityservice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Text from a request body is stored without NUL and control characters, bidi overrides or broken surrogates. */
class CleanTextTest extends IntegrationTest {

    @Test
    void controlBidiAndLoneSurrogatesAreCleanedAndEverythingElseStays() {
        assertThat(CleanText.clean("楼道\u0000口\u202Eexe.txt\u2066x\u2069\uD800!"))
                .isEqualTo("楼道口exe.txtx\uFFFD!");
        assertThat(CleanText.clean("第一行\n第二行\t😀 \u200F")).isEqualTo("第一行\n第二行\t😀 \u200F");
        assertThat(CleanText.clean("\u0085\u009B\u007F")).isEmpty();
    }

    @Test
    void aReportIsStoredAsItShouldHaveBeenTyped() {
        String body = "{\"category\":\"clutter\",\"description\":\"楼道口\\u0000堆满\\u202E杂物\\ud800\","
                + "\"location\":{\"lat\":35.24,\"lng\":113.17}}";
        as(residentToken("alice"))
                .post()
                .uri("/api/v1/complaints")
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .value(view -> assertThat(view.get("description")).isEqualTo("楼道口堆满杂物\uFFFD"));
    }
}
