package org.cityservice.stats;

import static org.cityservice.support.Problems.problem;

import java.net.URI;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Dates the figures can never cover are a 400 problem naming the parameter, not a 500 from date arithmetic. */
class StatsRangeTest extends IntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/admin/stats/rates?from=+999999999-12-01&to=+999999999-12-31   | from
            /api/v1/admin/stats/rates?from=-999999999-01-01&to=-999999999-01-31   | from
            /api/v1/admin/stats/rates?from=+10000-01-01&to=+10000-01-31           | from
            /api/v1/admin/stats/rates?from=0001-01-01&to=0001-01-31               | from
            /api/v1/admin/stats/rates?from=2026-01-01&to=+999999999-12-31         | to
            /api/v1/admin/stats/ranking?month=+999999999-12                       | month
            /api/v1/admin/stats/ranking?month=0000-01                             | month
            """)
    void datesFarOutOfRangeAre400(String uri, String field) {
        problem(
                        asAdmin()
                                .get()
                                .uri(URI.create("http://localhost:" + port + uri.replace("+", "%2B")))
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }
}
