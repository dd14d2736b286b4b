package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.support.Problems.problem;

import java.util.Arrays;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Every bad input named by the foundation issue: a clear 400/413 problem, never a 500, never a partial write. */
class BadInputTest extends IntegrationTest {

    private static final String STATIONS = "/api/v1/admin/stations";

    @Autowired
    ListingStore store;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lat=91&lng=113.18                    | lat
            lat=-86&lng=113.18                   | lat
            lat=35.2&lng=181                     | lng
            lat=NaN&lng=113.18                   | lat
            lat=35.2&lng=Infinity                | lng
            lat=abc&lng=113.18                   | lat
            lng=113.18                           | lat
            lat=35.2&lng=113.18&radius=0         | radius
            lat=35.2&lng=113.18&radius=-5        | radius
            lat=35.2&lng=113.18&radius=20001     | radius
            lat=35.2&lng=113.18&radius=99999999999 | radius
            lat=35.2&lng=113.18&limit=0          | limit
            lat=35.2&lng=113.18&limit=101        | limit
            lat=35.2&lng=113.18&openNow=maybe    | openNow
            """)
    void badNearbyParametersAre400NamingTheField(String query, String field) {
        problem(web.get().uri("/api/v1/stations/nearby?" + query).exchange(), 400, "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    @Test
    void anUnknownKindIs400ListingTheKinds() {
        problem(
                        web.get()
                                .uri("/api/v1/vending-zones/nearby?lat=35.2&lng=113.18&kind=STREET")
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("kind")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("FRUIT", "NIGHT_MARKET"));
    }

    @Test
    void severalBadParametersAreListedTogether() {
        problem(
                        web.get()
                                .uri("/api/v1/school-posts/nearby?lat=100&lng=200&radius=0&limit=500")
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors.length()")
                .isEqualTo(4);
    }

    @Test
    void malformedJsonIs400() {
        problem(
                asAdmin()
                        .post()
                        .uri(STATIONS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"name\": ")
                        .exchange(),
                400,
                "malformed-json");
        assertThat(store.count(ListingType.STATION).block()).isZero();
    }

    @Test
    void anEmptyBodyIs400() {
        problem(
                asAdmin()
                        .post()
                        .uri(STATIONS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .exchange(),
                400,
                "malformed-json");
    }

    @Test
    void anUnknownKindInABodyNamesTheField() {
        String body = """
                {"name":"点","kind":"STREET","address":"a","district":"中站区","subdistrict":"许衡街道",
                 "location":{"lat":35.2,"lng":113.1},"phone":"12319","hours":{},"stalls":1}""";
        problem(
                        asAdmin()
                                .post()
                                .uri("/api/v1/admin/vending-zones")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("kind");
    }

    @Test
    void aBadTimeRangeNamesItsPlace() {
        String body = """
                {"name":"站","address":"a","district":"中站区","subdistrict":"许衡街道","location":{"lat":35.2,"lng":113.1},
                 "phone":"12319","hours":{"MONDAY":["08:00-12:00","14:00-25:00"]}}""";
        problem(
                        asAdmin()
                                .post()
                                .uri(STATIONS)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("hours.MONDAY[1]")
                .jsonPath("$.errors[0].message")
                .isEqualTo("时间 25:00 无效");
    }

    @Test
    void aSeasonOrATimeRangeSentAsAnObjectIs400NamingIt() {
        String zone = """
                {"name":"点","kind":"FRUIT","address":"a","district":"中站区","subdistrict":"许衡街道",
                 "location":{"lat":35.2,"lng":113.1},"phone":"12319","hours":{},"season":{},"stalls":1}""";
        problem(
                        asAdmin()
                                .post()
                                .uri("/api/v1/admin/vending-zones")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(zone)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("season");
        String station = """
                {"name":"站","address":"a","district":"中站区","subdistrict":"许衡街道","location":{"lat":35.2,"lng":113.1},
                 "phone":"12319","hours":{"MONDAY":[{"start":"08:00"}]}}""";
        problem(
                        asAdmin()
                                .post()
                                .uri(STATIONS)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(station)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("hours.MONDAY[0]");
        assertThat(store.count(ListingType.STATION).block()).isZero();
    }

    @Test
    void everyMissingOrBadFieldIsListedInChinese() {
        String body = """
                {"name":"","location":{"lat":95},"phone":"abc","hours":{}}""";
        problem(
                        asAdmin()
                                .post()
                                .uri(STATIONS)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString())
                        .contains(
                                "name", "address", "district", "subdistrict", "location.lat", "location.lng", "phone"))
                .jsonPath("$.errors[?(@.field == 'phone')].message")
                .isEqualTo("电话号码格式不正确,例如 13912345678、0391-3568123 或 12319")
                .jsonPath("$.errors[?(@.field == 'location.lng')].message")
                .isEqualTo("不能为空");
        assertThat(store.count(ListingType.STATION).block()).isZero();
    }

    @Test
    void aBodyOverOneMebibyteIs413BeforeItIsRead() {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        problem(
                asAdmin()
                        .post()
                        .uri(STATIONS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(big)
                        .exchange(),
                413,
                "payload-too-large");
        assertThat(store.count(ListingType.STATION).block()).isZero();
    }

    @Test
    void aStreamedBodyOverTheLimitIs413Too() {
        // no Content-Length: the codec's limit stops it while reading
        String padding = " ".repeat(1024 * 1024);
        String body = "{\"name\":\"站\"" + padding + "}";
        problem(
                asAdmin()
                        .post()
                        .uri(STATIONS)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(reactor.core.publisher.Flux.just(body), String.class)
                        .exchange(),
                413,
                "payload-too-large");
    }

    @Test
    void anUnknownPathIsA404Problem() {
        problem(web.get().uri("/api/v1/nothing-here").exchange(), 404, "not-found");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        problem(web.delete().uri("/api/v1/stations/nearby").exchange(), 405, "method-not-allowed");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        problem(
                asAdmin()
                        .post()
                        .uri(STATIONS)
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("name=站")
                        .exchange(),
                415,
                "unsupported-media-type");
    }
}
