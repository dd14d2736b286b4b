package org.cityservice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any controller runs — by the HTTP decoder, the security firewall or
 * WebFlux — are problems too, with a stable code and a Chinese detail. Sent over a plain socket:
 * HTTP clients refuse to send most of these.
 */
class RefusalProblemsTest extends IntegrationTest {

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET   | /api/v1/stations/a%2Fb                           | 400 | bad-request
            GET   | /api/v1/stations/a%2fb                           | 400 | bad-request
            GET   | /api/v1/stations/a%00b                           | 400 | bad-request
            GET   | /api/v1/stations/a%25b                           | 400 | bad-request
            GET   | /api/v1/stations/a%5Cb                           | 400 | bad-request
            GET   | /api/v1/stations;jsessionid=1/nearby             | 400 | bad-request
            GET   | //api/v1/stations/nearby?lat=35.2&lng=113.2      | 400 | bad-request
            GET   | /api/v1//stations/nearby?lat=35.2&lng=113.2      | 400 | bad-request
            GET   | /api/v1/stations/../admin/staff                  | 400 | bad-request
            GET   | /api/v1/stations/nearby?lat=%zz&lng=113.2        | 400 | bad-request
            GET   | /api/v1/stations/nearby?lat=35.2&lng=113.2&x=%   | 400 | bad-request
            GET   | /api/v1/stations/nearby?lat=35.2&lng=%u4E2D      | 400 | bad-request
            GET   | /api/v1/stations/%u4E2D                          | 400 | bad-request
            GET   | /api/v1/stations/a^b                             | 400 | bad-request
            TRACE | /api/v1/stations/nearby?lat=35.2&lng=113.2       | 405 | method-not-allowed
            TRACK | /api/v1/stations/nearby?lat=35.2&lng=113.2       | 405 | method-not-allowed
            """)
    void aRefusedRequestIsAProblem(String method, String target, int status, String code) {
        assertProblem(new RawHttp(port).send(method, target), status, code);
    }

    @Test
    void aTwentyKilobyteHeaderIs431Problem() {
        RawHttp.Response response = new RawHttp(port)
                .send("GET", "/api/v1/complaint-categories", Map.of("X-Padding", "a".repeat(20_000)), null);
        assertProblem(response, 431, "headers-too-large");
    }

    @Test
    void aFiveThousandCharacterPathIs414Problem() {
        RawHttp.Response response = new RawHttp(port).send("GET", "/api/v1/stations/" + "a".repeat(5_000));
        assertProblem(response, 414, "uri-too-long");
    }

    @Test
    void aHeaderValueWithAControlCharacterIs400Problem() {
        RawHttp.Response response =
                new RawHttp(port).send("GET", "/api/v1/complaint-categories", Map.of("X-Test", "a\u0001b"), null);
        assertProblem(response, 400, "bad-request");
    }

    @Test
    void aRequestLineThatIsNotHttpIs400Problem() {
        RawHttp.Response response = new RawHttp(port).send("GET", "/api/v1/complaint-categories HTTP/9.9 extra");
        assertProblem(response, 400, "bad-request");
    }

    @Test
    void theServerStillAnswersNormallyAfterwards() {
        new RawHttp(port).send("GET", "/api/v1/stations/" + "a".repeat(5_000));
        assertThat(new RawHttp(port).send("GET", "/api/v1/complaint-categories").status())
                .isEqualTo(200);
    }

    private void assertProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:cityservice:problem:" + code);
        assertThat(problem.path("detail").asString()).containsPattern("[\\u4e00-\\u9fa5]");
    }
}
