package org.cityservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.support.Problems.problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every collection and string in a request body has a limit, and going over it is a 400 problem
 * that names the field and the limit. One row a field: the smallest body over the limit.
 */
class InputLimitsTest extends IntegrationTest {

    private static final List<String> DAYS =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    /** A station with 7 × 9,000 opening-hour ranges (about 945 KB): once accepted, it made every nearby search slow. */
    @Test
    void aStationWithSevenTimesNineThousandRangesIsRefusedNamingTheLimit() {
        Map<String, Object> hours = new LinkedHashMap<>();
        List<String> ranges =
                IntStream.range(0, 9_000).mapToObj(i -> "08:00-09:00").toList();
        DAYS.forEach(day -> hours.put(day, ranges));
        Map<String, Object> station = station();
        station.put("hours", hours);
        problem(
                        asAdmin()
                                .post()
                                .uri("/api/v1/admin/stations")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(station)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors.length()")
                .isEqualTo(7)
                .jsonPath("$.errors[0].field")
                .isEqualTo("hours.FRIDAY")
                .jsonPath("$.errors[0].message")
                .isEqualTo("每天最多 8 个时段")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("每天最多 8 个时段"));
        asAdmin()
                .get()
                .uri("/api/v1/admin/stations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                row(
                        "station hours a day",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "hours.MONDAY",
                        "8",
                        body -> body.put("hours", Map.of("MONDAY", times(9)))),
                row(
                        "station closures",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "closures",
                        "50",
                        body -> body.put("closures", repeat(51, Map.of("from", "2026-10-01", "to", "2026-10-07")))),
                row(
                        "closure reason",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "closures[0].reason",
                        "50",
                        body -> body.put(
                                "closures",
                                List.of(Map.of("from", "2026-10-01", "to", "2026-10-07", "reason", "国".repeat(51))))),
                row(
                        "station services",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "services",
                        "30",
                        body -> body.put("services", repeat(31, "咨询"))),
                row(
                        "a service",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "services[0]",
                        "30",
                        body -> body.put("services", List.of("咨".repeat(31)))),
                row(
                        "station name",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "name",
                        "100",
                        body -> body.put("name", "站".repeat(101))),
                row(
                        "station address",
                        "/api/v1/admin/stations",
                        InputLimitsTest::station,
                        "address",
                        "200",
                        body -> body.put("address", "路".repeat(201))),
                row(
                        "zone hours a day",
                        "/api/v1/admin/vending-zones",
                        InputLimitsTest::zone,
                        "hours.SUNDAY",
                        "8",
                        body -> body.put("hours", Map.of("SUNDAY", times(9)))),
                row(
                        "zone goods",
                        "/api/v1/admin/vending-zones",
                        InputLimitsTest::zone,
                        "goods",
                        "30",
                        body -> body.put("goods", repeat(31, "西瓜"))),
                row(
                        "a good",
                        "/api/v1/admin/vending-zones",
                        InputLimitsTest::zone,
                        "goods[0]",
                        "30",
                        body -> body.put("goods", List.of("瓜".repeat(31)))),
                row(
                        "zone stalls",
                        "/api/v1/admin/vending-zones",
                        InputLimitsTest::zone,
                        "stalls",
                        "10000",
                        body -> body.put("stalls", 10_001)),
                row(
                        "post duty windows",
                        "/api/v1/admin/school-posts",
                        InputLimitsTest::post,
                        "dutyWindows",
                        "10",
                        body -> body.put("dutyWindows", times(11))),
                row(
                        "post duty unit",
                        "/api/v1/admin/school-posts",
                        InputLimitsTest::post,
                        "dutyUnit",
                        "50",
                        body -> body.put("dutyUnit", "队".repeat(51))),
                row(
                        "staff display name",
                        "/api/v1/admin/staff",
                        InputLimitsTest::staff,
                        "displayName",
                        "30",
                        body -> body.put("displayName", "名".repeat(31))),
                row(
                        "staff password",
                        "/api/v1/admin/staff",
                        InputLimitsTest::staff,
                        "password",
                        "200",
                        body -> body.put("password", "p".repeat(201))),
                row(
                        "case transition note",
                        "/api/v1/admin/complaints/JZ20260101-000001/transitions",
                        InputLimitsTest::transition,
                        "note",
                        "500",
                        body -> body.put("note", "注".repeat(501))),
                row(
                        "case transition photos",
                        "/api/v1/admin/complaints/JZ20260101-000001/transitions",
                        InputLimitsTest::transition,
                        "photos",
                        "6",
                        body -> body.put("photos", photos(7))),
                row(
                        "reroute reason",
                        "/api/v1/admin/complaints/JZ20260101-000001/routing",
                        InputLimitsTest::reroute,
                        "reason",
                        "500",
                        body -> body.put("reason", "因".repeat(501))));
    }

    static Stream<Arguments> residentLimits() {
        return Stream.of(
                row(
                        "complaint description",
                        "/api/v1/complaints",
                        InputLimitsTest::complaint,
                        "description",
                        "500",
                        body -> body.put("description", "述".repeat(501))),
                row(
                        "complaint address",
                        "/api/v1/complaints",
                        InputLimitsTest::complaint,
                        "address",
                        "200",
                        body -> body.put("address", "路".repeat(201))),
                row(
                        "complaint photos",
                        "/api/v1/complaints",
                        InputLimitsTest::complaint,
                        "photos",
                        "6",
                        body -> body.put("photos", photos(7))),
                row(
                        "survey comment",
                        "/api/v1/surveys/sv-1/answers",
                        InputLimitsTest::answer,
                        "comment",
                        "200",
                        body -> body.put("comment", "意".repeat(201))),
                row(
                        "subscription results",
                        "/api/v1/me/subscriptions",
                        HashMap::new,
                        "body",
                        "20",
                        body -> IntStream.range(0, 21).forEach(i -> body.put("tmpl-" + i, "accept"))),
                row(
                        "wechat code",
                        "/api/v1/me/phone",
                        HashMap::new,
                        "code",
                        "128",
                        body -> body.put("code", "c".repeat(129))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void overTheLimitAsStaffIs400NamingFieldAndLimit(
            String name, String uri, Map<String, Object> body, String field, String limit) {
        over(asAdmin(), uri, body, field, limit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("residentLimits")
    void overTheLimitAsAResidentIs400NamingFieldAndLimit(
            String name, String uri, Map<String, Object> body, String field, String limit) {
        over(as(residentToken("alice")), uri, body, field, limit);
    }

    @Test
    void anSmsReplyTextOverTheLimitIs400NamingIt() {
        String body = "{\"mobile\":\"13800001234\",\"text\":\"" + "1".repeat(2_001) + "\",\"time\":1732000000}";
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
                .isEqualTo("text")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("2000"));
    }

    private static void over(WebTestClient client, String uri, Map<String, Object> body, String field, String limit) {
        problem(
                        client.post()
                                .uri(uri)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[?(@.field == '" + field + "')].message")
                .value(messages -> assertThat(messages.toString())
                        .as("errors of %s", field)
                        .contains(limit));
    }

    private static Arguments row(
            String name,
            String uri,
            java.util.function.Supplier<Map<String, Object>> valid,
            String field,
            String limit,
            java.util.function.Consumer<Map<String, Object>> overLimit) {
        Map<String, Object> body = valid.get();
        overLimit.accept(body);
        return Arguments.of(name, uri, body, field, limit);
    }

    private static Map<String, Object> station() {
        return new HashMap<>(Map.of(
                "name",
                "定和街道服务站",
                "address",
                "焦作市中站区",
                "district",
                "中站区",
                "subdistrict",
                "定和街道",
                "location",
                Map.of("lat", 35.24, "lng", 113.17),
                "phone",
                "12319",
                "hours",
                Map.of("MONDAY", List.of("08:30-12:00"))));
    }

    private static Map<String, Object> zone() {
        Map<String, Object> zone = station();
        zone.put("kind", "FRUIT");
        zone.put("stalls", 10);
        return zone;
    }

    private static Map<String, Object> post() {
        Map<String, Object> post = station();
        post.remove("hours");
        post.put("schoolName", "焦作市实验小学");
        post.put("dutyWindows", List.of("07:10-08:00"));
        post.put("dutyUnit", "中站区城管中队");
        return post;
    }

    private static Map<String, Object> staff() {
        return new HashMap<>(
                Map.of("username", "limits.user", "displayName", "张三", "role", "ADMIN", "password", "password-1"));
    }

    private static Map<String, Object> transition() {
        return new HashMap<>(Map.of("action", "REGISTER"));
    }

    private static Map<String, Object> reroute() {
        return new HashMap<>(Map.of("stationId", "st-1"));
    }

    private static Map<String, Object> complaint() {
        return new HashMap<>(Map.of(
                "category",
                "street-vending",
                "description",
                "人民路口有人占道卖水果",
                "location",
                Map.of("lat", 35.2405, "lng", 113.1680)));
    }

    private static Map<String, Object> answer() {
        return new HashMap<>(Map.of("solved", "YES", "satisfaction", "SATISFIED"));
    }

    private static List<String> times(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("%02d:00-%02d:30", i, i))
                .toList();
    }

    private static List<String> photos(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("ph-%020d", i))
                .toList();
    }

    private static <T> List<T> repeat(int count, T value) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(value);
        }
        return values;
    }
}
