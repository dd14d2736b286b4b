package org.cityservice.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cityservice.complaint.Complaint;
import org.cityservice.complaint.ComplaintAction;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.complaint.Deadline;
import org.cityservice.complaint.IntegrationCases;
import org.cityservice.complaint.TimelineEntry;
import org.cityservice.shared.GeoPoint;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GeoReport v2 server as an integrator meets it: a client written from the spec (form posts, JSON
 * and XML parsed generically), every JSON answer checked against the open311 project's schemas and
 * every XML answer against the spec's examples (src/test/resources/open311/README.md).
 */
class Open311Test extends IntegrationTest {

    private static final String BASE = "https://open311.test/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_4, builder -> builder.schemas(Open311Test::schemaText));
    private static final String STATION = "许衡街道社区城管服务站";

    @LocalServerPort
    int port;

    @Autowired
    Open311Controller controller;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aStation() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        station(STATION, "中站区", 35.2400, 113.1680);
    }

    // ---- services -------------------------------------------------------------------------

    @Test
    void servicesAndTheirDefinitionsInBothFormats() {
        JsonNode services = jsonOk(get("/open311/v2/services.json"), "services.json");
        assertThat(services.size()).isEqualTo(21);
        JsonNode vending = find(services, "service_code", "street-vending");
        assertThat(vending.path("service_name").asString()).isEqualTo("占道经营");
        assertThat(vending.path("type").asString()).isEqualTo("realtime");
        xmlOk(get("/open311/v2/services.xml"), "services.xml");

        JsonNode definition = jsonOk(
                get("/open311/v2/services/street-vending.json?jurisdiction_id=jiaozuo.gov.cn"),
                "service-definition.json");
        assertThat(definition.path("attributes").get(0).path("variable").asBoolean())
                .isFalse();
        Document xml = xmlOk(get("/open311/v2/services/street-vending.xml"), "service-definition.xml");
        assertThat(text(xml, "service_code")).isEqualTo("street-vending");
    }

    // ---- filing and reading back ----------------------------------------------------------------

    @Test
    void anIntegratorFilesARequestAndReadsItBackInBothFormatsWithoutPersonalData() {
        String key = issueKey("12345 热线平台");
        // WGS84, as a GPS gives it: about 500 m from the GCJ-02 point of the same place
        double lat = 35.2418;
        double lng = 113.1629;
        HttpResponse<byte[]> filed = post(
                "/open311/v2/requests.json",
                form(
                        "api_key",
                        key,
                        "jurisdiction_id",
                        "jiaozuo.gov.cn",
                        "service_code",
                        "street-vending",
                        "lat",
                        Double.toString(lat),
                        "long",
                        Double.toString(lng),
                        "address_string",
                        "中站区人民路口",
                        "description",
                        "有人占道卖水果,摊主电话 13812345678,身份证 410802199001011234",
                        "email",
                        "someone@example.com",
                        "first_name",
                        "三",
                        "last_name",
                        "张",
                        "phone",
                        "+86 139-1234-5678"));
        JsonNode created = jsonOk(filed, "post-response.json");
        String id = created.get(0).path("service_request_id").asString();
        assertThat(id).isEqualTo("JZ0803-20261123-000001");
        assertThat(created.get(0).path("service_notice").asString()).contains(STATION);

        for (HttpResponse<byte[]> read : List.of(
                get("/open311/v2/requests/" + id + ".json"),
                get("/open311/v2/requests.json?service_request_id=" + id),
                get("/open311/v2/requests.json?status=open&service_code=street-vending,broken-road"))) {
            JsonNode request = jsonOk(read, "requests.json").get(0);
            assertThat(request.path("service_request_id").asString()).isEqualTo(id);
            assertThat(request.path("status").asString()).isEqualTo("open");
            assertThat(request.path("agency_responsible").asString()).isEqualTo(STATION);
            assertThat(request.path("requested_datetime").asString()).isEqualTo("2026-11-23T10:00:00+08:00");
            assertThat(request.path("expected_datetime").asString()).endsWith("+08:00");
            assertThat(request.path("description").asString())
                    .isEqualTo("有人占道卖水果,摊主电话 138****5678,身份证 ******************");
            // back in WGS84, where it was sent, within a metre
            assertThat(new GeoPoint(
                                    request.path("lat").asDouble(),
                                    request.path("long").asDouble())
                            .distanceTo(new GeoPoint(lat, lng)))
                    .isLessThan(1.0);
            String body = new String(read.body(), StandardCharsets.UTF_8);
            assertThat(body)
                    .doesNotContain(
                            "13812345678",
                            "13912345678",
                            "someone@example.com",
                            "张",
                            "open311-k",
                            "410802199001011234");
        }
        Document xml = xmlOk(get("/open311/v2/requests/" + id + ".xml"), "request.xml");
        assertThat(text(xml, "service_request_id")).isEqualTo(id);
        assertThat(text(xml, "description")).contains("138****5678");
        xmlOk(get("/open311/v2/requests.xml?status=open"), "requests.xml");
        xmlOk(
                post(
                        "/open311/v2/requests.xml",
                        Map.of(
                                "api_key",
                                key,
                                "service_code",
                                "broken-road",
                                "lat",
                                "35.24",
                                "long",
                                "113.16",
                                "description",
                                "路面塌陷")),
                "post-request.xml");

        // the case is in the staff's queue like any other, marked as Open311, with the callback phone for staff only
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.contactPhone")
                .isEqualTo("139****5678")
                .jsonPath("$.timeline[0].note")
                .isEqualTo("诉求已受理(open311)");
        assertThat((String) redis.opsForHash().get(caseKey(id, "cases"), id).block())
                .contains("\"channel\":\"open311\"");
    }

    @Test
    void aRejectedCaseIsClosedWithTheStaffNoteMasked() {
        String key = issueKey("integrator");
        String id = jsonOk(
                        post(
                                "/open311/v2/requests.json",
                                Map.of(
                                        "api_key",
                                        key,
                                        "service_code",
                                        "street-vending",
                                        "lat",
                                        "35.2418",
                                        "long",
                                        "113.1629",
                                        "description",
                                        "占道")),
                        "post-response.json")
                .get(0)
                .path("service_request_id")
                .asString();
        moveAsAdmin(id, "REJECT", "不属于城管职责,已转 0391-4365773 处理");
        JsonNode request = jsonOk(get("/open311/v2/requests/" + id + ".json"), "requests.json")
                .get(0);
        assertThat(request.path("status").asString()).isEqualTo("closed");
        assertThat(request.path("status_notes").asString()).isEqualTo("不属于城管职责,已转 ****-******* 处理");
        assertThat(request.path("expected_datetime").isNull()).isTrue();
        assertThat(jsonOk(get("/open311/v2/requests.json?status=open"), null)).isEmpty();
        assertThat(jsonOk(get("/open311/v2/requests.json?status=closed"), null)).hasSize(1);
    }

    @Test
    void everyStatusMapsToOpenOrClosed() {
        Map<ComplaintStatus, String> expected = new LinkedHashMap<>();
        for (ComplaintStatus status : ComplaintStatus.values()) {
            Complaint c = new Complaint(
                    "JZ0803-20261123-000009",
                    "resident-1",
                    "street-vending",
                    "占道",
                    new GeoPoint(35.24, 113.17),
                    null,
                    "13812345678",
                    true,
                    List.of(),
                    status,
                    new Complaint.Routing("st-1", STATION, "中站区", "许衡街道", 100L),
                    false,
                    0,
                    new Deadline(
                            "HANDLE",
                            Instant.parse("2026-11-23T02:00:00Z"),
                            Instant.parse("2026-11-26T02:00:00Z"),
                            Deadline.Alert.NONE),
                    Instant.parse("2026-11-23T02:00:00Z"),
                    Instant.parse("2026-11-23T03:00:00Z"),
                    2);
            List<TimelineEntry> timeline = List.of(new TimelineEntry(
                    Instant.parse("2026-11-23T03:00:00Z"),
                    status,
                    ComplaintAction.REGISTER,
                    "DISPATCHER",
                    "d1",
                    "st-1",
                    "已立案",
                    List.of()));
            Map<String, Object> view = controller.publicView(new IntegrationCases.Found(c, timeline));
            expected.put(status, (String) view.get("status"));
            assertThat(view.get("expected_datetime")).isEqualTo(status.open() ? "2026-11-26T10:00:00+08:00" : null);
            assertThat(view.get("updated_datetime")).isEqualTo("2026-11-23T11:00:00+08:00");
            assertThat(view.values()).doesNotContain("13812345678", "resident-1");
        }
        assertThat(expected)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ComplaintStatus.RECEIVED,
                        "open",
                        ComplaintStatus.REGISTERED,
                        "open",
                        ComplaintStatus.DISPATCHED,
                        "open",
                        ComplaintStatus.HANDLED,
                        "open",
                        ComplaintStatus.VERIFIED,
                        "open",
                        ComplaintStatus.REOPENED,
                        "open",
                        ComplaintStatus.CLOSED,
                        "closed",
                        ComplaintStatus.REJECTED,
                        "closed"));
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    void refusalsAnswerInTheSpecsErrorFormat() {
        String key = issueKey("integrator");
        Map<String, String> good = Map.of(
                "api_key",
                key,
                "service_code",
                "street-vending",
                "lat",
                "35.24",
                "long",
                "113.16",
                "description",
                "占道");

        assertError(post("/open311/v2/requests.json", with(good, "api_key", "o311_wrong")), 403, "forbidden");
        assertError(post("/open311/v2/requests.xml", without(good, "api_key")), 403, "forbidden");
        assertError(post("/open311/v2/requests.json", with(good, "service_code", "ufo")), 404, "not-found");
        assertError(post("/open311/v2/requests.xml", with(good, "jurisdiction_id", "sfgov.org")), 404, "not-found");
        assertError(get("/open311/v2/services.json?jurisdiction_id=sfgov.org"), 404, "not-found");
        assertError(get("/open311/v2/services/ufo.xml"), 404, "not-found");
        assertError(get("/open311/v2/requests/JZ20990101-000001.json"), 404, "not-found");
        assertError(get("/open311/v2/nothing.xml"), 404, "not-found");
        assertError(get("/open311/v2/requests.json?status=pending"), 400, "validation-failed");
        assertError(
                get("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z"),
                400,
                "validation-failed");
        assertError(get("/open311/v2/requests.json?start_date=yesterday"), 400, "validation-failed");

        HttpResponse<byte[]> missing = post("/open311/v2/requests.json", Map.of("api_key", key, "phone", "12345"));
        JsonNode errors = assertError(missing, 400, "validation-failed");
        assertThat(errors.valueStream()
                        .map(e -> e.path("description").asString().split(":")[0])
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("service_code", "lat", "description", "phone");

        wechat.riskyWords("赌博");
        assertError(post("/open311/v2/requests.json", with(good, "description", "桥下聚众赌博")), 400, "content-rejected");

        // a revoked key stops at once
        String id = asAdmin()
                .get()
                .uri("/api/v1/admin/open311/keys")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody()
                .get(0)
                .get("id")
                .toString();
        asAdmin()
                .delete()
                .uri("/api/v1/admin/open311/keys/" + id)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertError(post("/open311/v2/requests.json", good), 403, "forbidden");
        assertThat(redis.keys(everyHome("cases")).collectList().block()).isEmpty();
    }

    @Test
    void onlyAnAdminIssuesKeysAndTheSecretIsKeptOnlyAsAHash() {
        staff.dispatcher("中站区")
                .post()
                .uri("/api/v1/admin/open311/keys")
                .bodyValue(Map.of("name", "x"))
                .exchange()
                .expectStatus()
                .isForbidden();
        String key = issueKey("integrator");
        assertThat(redis.opsForHash()
                        .values("cs:{open311}:keys")
                        .collectList()
                        .block()
                        .toString())
                .doesNotContain(key);
    }

    // ---- the client: plain HTTP, parsed generically ---------------------------------------------

    private String issueKey(String name) {
        return asAdmin()
                .post()
                .uri("/api/v1/admin/open311/keys")
                .bodyValue(Map.of("name", name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("apiKey")
                .toString();
    }

    private HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET()
                .build());
    }

    private HttpResponse<byte[]> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 200 JSON answer, valid against {@code schema} (null: any of the GeoReport shapes is not checked). */
    private JsonNode jsonOk(HttpResponse<byte[]> response, String schema) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode tree = json.readTree(body);
        if (schema != null) {
            assertValid(tree, schema);
        }
        return tree;
    }

    private JsonNode assertError(HttpResponse<byte[]> response, int status, String code) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.uri().getPath().endsWith(".xml")) {
            assertThat(type).startsWith("text/xml");
            Document xml = parse(response.body());
            assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
            assertThat(paths(xml)).isSubsetOf(paths(parse(example("errors.xml"))));
            assertThat(text(xml, "code")).isEqualTo(Integer.toString(status));
            assertThat(text(xml, "description")).endsWith("(" + code + ")");
            return null;
        }
        assertThat(type).startsWith("application/json");
        JsonNode errors = json.readTree(body);
        assertValid(errors, "errors.json");
        assertThat(errors.get(0).path("code").asInt()).isEqualTo(status);
        assertThat(errors.get(0).path("description").asString()).endsWith("(" + code + ")");
        return errors;
    }

    private void assertValid(JsonNode tree, String schema) {
        Schema validator = SCHEMAS.getSchema(SchemaLocation.of(BASE + schema));
        assertThat(validator.validate(tree)).as(tree.toString()).isEmpty();
    }

    /** A 200 XML answer: UTF-8 declaration, the example's root, and only element paths the example has. */
    private Document xmlOk(HttpResponse<byte[]> response, String example) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Document ours = parse(response.body());
        Document theirs = parse(example(example));
        assertThat(ours.getDocumentElement().getTagName())
                .isEqualTo(theirs.getDocumentElement().getTagName());
        assertThat(paths(ours)).isSubsetOf(paths(theirs));
        return ours;
    }

    private static Set<String> paths(Document document) {
        Set<String> paths = new TreeSet<>();
        collect(document.getDocumentElement(), "", paths);
        return paths;
    }

    private static void collect(Element element, String parent, Set<String> paths) {
        String path = parent + "/" + element.getTagName();
        paths.add(path);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element inner) {
                collect(inner, path, paths);
            }
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(Document xml, String tag) {
        return xml.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return array.valueStream()
                .filter(n -> n.path(field).asString().equals(value))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> form, String name) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.remove(name);
        return copy;
    }

    private static byte[] example(String name) {
        return resource("open311/examples/" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static String schemaText(String iri) {
        return iri.startsWith(BASE) ? resource("open311/schema/" + iri.substring(BASE.length())) : null;
    }

    private static String resource(String path) {
        try (var in = Open311Test.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
