package org.cityservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the OpenAPI description of the running application and sends every operation malformed
 * values: wrong types, numbers out of range and huge, bad percent-encodings, over-long strings,
 * empty, non-JSON, deep and huge bodies, wrong content types and odd headers, each with a token of
 * the role the operation needs. Nothing may answer 5xx, and every 4xx must be a problem with a
 * {@code code}. Seeded, so a failure replays; about 2,600 requests.
 */
class ApiFuzzTest extends IntegrationTest {

    private static final long SEED = 20_261_129L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Operations that end the session they are called with: each gets a session of its own. */
    private static final Set<String> ENDS_ITS_SESSION =
            Set.of("POST /api/v1/auth/logout", "DELETE /api/v1/me", "POST /api/v1/admin/me/password");

    /** Values that are wrong for most parameters in some way; sent percent-encoded as a client would. */
    private static final List<String> BAD_VALUES = List.of(
            "",
            " ",
            "abc",
            "-1",
            "0",
            "1.5",
            "-0",
            "1e309",
            "NaN",
            "-Infinity",
            "true",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "99999999999999999999999999999",
            "0x1F",
            "1,2",
            "null",
            "[]",
            "{}",
            "'",
            "\"",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "西瓜",
            "😀",
            "\u202e",
            "\u00a0",
            "+999999999-12-31",
            "-999999999-01-01",
            "2026-02-30",
            "2026-13",
            "9999-99",
            "0000-01",
            "P1D",
            "08:00-25:00",
            "a".repeat(300),
            "长".repeat(1_000));
    /** Encodings a client should never produce, sent as they are. */
    private static final List<String> RAW_ENCODINGS = List.of(
            "%FF",
            "%C0%AF", "%E4%B8", "%ED%A0%80", "%F4%90%80%80", "%EF%BB%BF", "%u4E2D", "%2B1", "%20", "+", "a%26b%3Dc");

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=fuzz",
            "application/json; charset=nope",
            "application/json; charset=UTF-16",
            "application/json; charset=ISO-8859-1",
            "garbage",
            "application/*",
            "*/*",
            "application/json; =",
            "application/problem+json",
            "application/octet-stream");
    private static final List<String> ACCEPTS =
            List.of("text/html", "application/xml", "nonsense", "application/json; q=abc", "image/*", "*/*; q=0");

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> tokens = new TreeMap<>();
    private final Map<String, String> fixtures = new TreeMap<>();
    /** Operations that answer with an endless stream (server-sent events): their bodies are not waited for. */
    private final Set<String> streams = new java.util.HashSet<>();

    private int sent;

    @Test
    void noOperationAnswers5xxAndEvery4xxIsAProblem() {
        JsonNode docs = json.readTree(web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        prepareCallersAndFixtures();
        long started = System.nanoTime();
        Map<String, JsonNode> operations = operations(docs);
        operations.forEach((operation, description) -> {
            if (description.path("responses").path("200").path("content").has("text/event-stream")) {
                streams.add(operation);
            }
        });
        assertThat(streams).contains("GET /api/v1/admin/complaints/events");
        for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
            fuzz(
                    operation.getKey(),
                    operation.getValue(),
                    docs.path("components").path("schemas"));
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertThat(operations).hasSizeGreaterThan(40);
        assertThat(sent).as("requests sent in %d s", seconds).isBetween(1_000, 4_000);
        assertThat(failures)
                .as("%d of %d requests failed", failures.size(), sent)
                .isEmpty();
    }

    // ---- what is sent -------------------------------------------------------------------------

    private void fuzz(String operation, JsonNode description, JsonNode schemas) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1);
        String token = ENDS_ITS_SESSION.contains(operation) ? freshToken(path) : token(path, description);
        List<JsonNode> parameters = new ArrayList<>();
        description.path("parameters").forEach(parameters::add);
        Map<String, String> valid = validParameters(path, parameters);

        // each parameter in turn, the others valid
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            for (String value : pick(BAD_VALUES, 8)) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(in + ":" + name, encode(value, in));
                send(
                        operation,
                        method,
                        path,
                        values,
                        token,
                        Map.of(),
                        bodyFor(description, schemas),
                        "application/json");
            }
            if (!in.equals("header")) {
                for (String raw : pick(RAW_ENCODINGS, 3)) {
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put(in + ":" + name, raw);
                    send(
                            operation,
                            method,
                            path,
                            values,
                            token,
                            Map.of(),
                            bodyFor(description, schemas),
                            "application/json");
                }
            }
        }
        // a parameter nobody declared, and each declared one twice
        Map<String, String> extra = new LinkedHashMap<>(valid);
        extra.put("query:" + "unknown", "1");
        send(operation, method, path, extra, token, Map.of(), bodyFor(description, schemas), "application/json");

        // odd headers
        for (String accept : pick(ACCEPTS, 2)) {
            send(
                    operation,
                    method,
                    path,
                    valid,
                    token,
                    Map.of("Accept", accept),
                    bodyFor(description, schemas),
                    "application/json");
        }
        send(
                operation,
                method,
                path,
                valid,
                "not-a-token-" + "x".repeat(40),
                Map.of(),
                bodyFor(description, schemas),
                "application/json");
        // refused below the application: by the HTTP decoder, the firewall, WebFlux
        send(operation, "TRACE", path, valid, token, Map.of(), null, null);
        send(
                operation,
                method,
                path,
                valid,
                token,
                Map.of("X-Padding", "p".repeat(20_000)),
                bodyFor(description, schemas),
                "application/json");
        Map<String, String> longQuery = new LinkedHashMap<>(valid);
        longQuery.put("query:" + "padding", "q".repeat(5_000));
        send(operation, method, path, longQuery, token, Map.of(), bodyFor(description, schemas), "application/json");

        JsonNode content = description.path("requestBody").path("content");
        if (content.has("application/json")) {
            fuzzJsonBody(
                    operation,
                    method,
                    path,
                    valid,
                    token,
                    content.path("application/json").path("schema"),
                    schemas);
        } else if (content.has("multipart/form-data")) {
            fuzzMultipart(operation, method, path, valid, token);
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            send(
                    operation,
                    method,
                    path,
                    valid,
                    token,
                    Map.of(),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
    }

    private void fuzzJsonBody(
            String operation,
            String method,
            String path,
            Map<String, String> values,
            String token,
            JsonNode schema,
            JsonNode schemas) {
        for (byte[] body : rawBodies()) {
            send(operation, method, path, values, token, Map.of(), body, "application/json");
        }
        byte[] plausible = bytes(plausible(schema, schemas, 0, ""));
        for (String type : pick(CONTENT_TYPES, 5)) {
            send(operation, method, path, values, token, Map.of(), plausible, type);
        }
        send(operation, method, path, values, token, Map.of(), plausible, null);
        // one field at a time made wrong, the rest plausible
        JsonNode whole = plausible(schema, schemas, 0, "");
        for (String field : fields(whole, "")) {
            for (JsonNode bad : pick(badJsonValues(), 4)) {
                JsonNode copy = whole.deepCopy();
                replace(copy, field, bad);
                send(operation, method, path, values, token, Map.of(), bytes(copy), "application/json");
            }
            JsonNode without = whole.deepCopy();
            replace(without, field, null);
            send(operation, method, path, values, token, Map.of(), bytes(without), "application/json");
        }
    }

    private void fuzzMultipart(String operation, String method, String path, Map<String, String> values, String token) {
        String boundary = "fuzz-" + random.nextInt(1_000_000);
        List<String> bodies = List.of(
                "",
                "--" + boundary + "--\r\n",
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ntext\r\n--" + boundary
                        + "--\r\n",
                "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nnot a jpeg\r\n--"
                        + boundary + "--\r\n",
                "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n\u00ff\u00d8\u00ff",
                "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"other\"; filename=\"a.jpg\"\r\n\r\nx\r\n--"
                        + boundary + "--\r\n",
                "--" + boundary + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + boundary + "--\r\n",
                "--" + boundary + "\r\nbroken header line\r\n\r\nx\r\n--" + boundary + "--\r\n",
                "no boundary anywhere");
        for (String body : bodies) {
            send(
                    operation,
                    method,
                    path,
                    values,
                    token,
                    Map.of(),
                    body.getBytes(StandardCharsets.ISO_8859_1),
                    "multipart/form-data; boundary=" + boundary);
        }
        for (String type : List.of(
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"unclosed",
                "multipart/mixed; boundary=" + boundary,
                "application/json",
                "image/jpeg")) {
            send(
                    operation,
                    method,
                    path,
                    values,
                    token,
                    Map.of(),
                    bodies.get(3).getBytes(StandardCharsets.ISO_8859_1),
                    type);
        }
    }

    /** Bodies that are not the JSON an operation wants, however it is described. */
    private List<byte[]> rawBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of(
                "",
                " ",
                "null",
                "true",
                "[]",
                "{}",
                "[{}]",
                "\"x\"",
                "123",
                "abc",
                "{",
                "{\"a\":}",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":NaN}",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u0000\"}",
                "\ufeff{}",
                "{\"a\":1" + "0".repeat(5_000) + "}",
                "{\"a\":1e999999}",
                "{\"a\":\"" + "x".repeat(200_000) + "\"}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'});
        bodies.add("[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        StringBuilder wide = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            wide.append(i == 0 ? "" : ",").append(i);
        }
        bodies.add(wide.append(']').toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 30_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        bodies.add(keys.append('}').toString().getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private List<JsonNode> badJsonValues() {
        List<JsonNode> values = new ArrayList<>(List.of(
                NODES.nullNode(),
                NODES.stringNode(""),
                NODES.stringNode("abc"),
                NODES.numberNode(-1),
                NODES.numberNode(0),
                NODES.numberNode(2_147_483_648L),
                NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigInteger("9".repeat(40))),
                NODES.numberNode(1.5),
                NODES.numberNode(1e300),
                NODES.numberNode(-1e300),
                NODES.booleanNode(true),
                NODES.objectNode(),
                NODES.arrayNode(),
                NODES.stringNode("x".repeat(100_000)),
                NODES.stringNode("\u0000"),
                NODES.stringNode("\ud800"),
                NODES.stringNode("\u202e西瓜"),
                NODES.stringNode("2026-02-30"),
                NODES.stringNode("+999999999-12-31"),
                NODES.stringNode("25:00-26:00"),
                NODES.stringNode("ph-" + "0".repeat(20))));
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 5_000; i++) {
            many.add("08:00-09:00");
        }
        values.add(many);
        ObjectNode deep = NODES.objectNode();
        ObjectNode at = deep;
        for (int i = 0; i < 300; i++) {
            at = at.putObject("a");
        }
        values.add(deep);
        return values;
    }

    // ---- a plausible body from its schema, and the places to break it ---------------------------

    private JsonNode plausible(JsonNode schema, JsonNode schemas, int depth, String name) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            return plausible(schemas.path(ref.substring(ref.lastIndexOf('/') + 1)), schemas, depth + 1, name);
        }
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asString("object");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (schema.has("properties")) {
                    for (Map.Entry<String, JsonNode> property :
                            schema.path("properties").properties()) {
                        object.set(
                                property.getKey(),
                                plausible(property.getValue(), schemas, depth + 1, property.getKey()));
                    }
                } else if (schema.has("additionalProperties")
                        && schema.path("additionalProperties").isObject()) {
                    object.set("MONDAY", plausible(schema.path("additionalProperties"), schemas, depth + 1, name));
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(plausible(schema.path("items"), schemas, depth + 1, name));
            case "integer" ->
                NODES.numberNode(
                        schema.has("minimum")
                                ? Math.max(1, schema.path("minimum").asInt())
                                : 1);
            case "number" -> NODES.numberNode(name.equals("lng") ? 113.18 : 35.2);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(plausibleString(schema, name));
        };
    }

    private String plausibleString(JsonNode schema, String name) {
        if ("date".equals(schema.path("format").asString())) {
            return "2026-06-01";
        }
        return switch (name) {
            case "phone" -> "12319";
            case "contactPhone" -> "13800001234";
            case "hours", "dutyWindows" -> "08:00-12:00";
            case "photos" -> "ph-" + "0".repeat(20);
            case "category" -> "street-vending";
            case "season" -> "06-01~08-31";
            case "username" -> "fuzz.user";
            case "stationId" -> fixtures.getOrDefault("station", "st-1");
            case "district" -> "中站区";
            default -> "测试";
        };
    }

    /** JSON pointers to every value in a body, objects' members and arrays' first items. */
    private static List<String> fields(JsonNode node, String at) {
        List<String> fields = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                fields.add(at + "/" + name);
                fields.addAll(fields(node.get(name), at + "/" + name));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            fields.add(at + "/0");
            fields.addAll(fields(node.get(0), at + "/0"));
        }
        return fields;
    }

    /** Puts {@code value} at {@code pointer}, or removes what is there when it is null. */
    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        }
    }

    // ---- callers and fixtures -----------------------------------------------------------------

    private void prepareCallersAndFixtures() {
        tokens.put("resident", residentToken("fuzz-resident"));
        tokens.put("admin", adminToken());
        fixtures.put("station", station("定和街道服务站", "中站区", 35.2405, 113.1680));
        fixtures.put("trackingNo", reportBy(as(tokens.get("resident"))).file());
    }

    private String token(String path, JsonNode description) {
        if (path.startsWith("/api/v1/admin/")) {
            return tokens.get("admin");
        }
        return description.has("security") ? tokens.get("resident") : null;
    }

    /** A session to spend on an operation that ends it (logout, account deletion, password change). */
    private String freshToken(String path) {
        if (path.startsWith("/api/v1/admin/")) {
            return staff.adminToken("fuzz-admin-" + random.nextInt(1_000_000));
        }
        return residentToken("fuzz-spent-" + random.nextInt(1_000_000));
    }

    /** Values that pass for each parameter, so the one being fuzzed is the only thing wrong. */
    private Map<String, String> validParameters(String path, List<JsonNode> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            String value = switch (name) {
                case "id" -> path.contains("station") ? fixtures.get("station") : "x-1";
                case "trackingNo" -> fixtures.get("trackingNo");
                case "lat" -> "35.24";
                case "lng" -> "113.17";
                case "username" -> "nobody";
                case "If-Match" -> "\"1\"";
                case "X-Callback-Secret" -> SMS_CALLBACK_SECRET;
                case "secret" -> null;
                default -> parameter.path("required").asBoolean(false) ? "x" : null;
            };
            if (value != null) {
                values.put(in + ":" + name, encode(value, in));
            }
        }
        return values;
    }

    // ---- sending and judging ------------------------------------------------------------------

    private byte[] bodyFor(JsonNode description, JsonNode schemas) {
        JsonNode schema = description
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        return schema.isMissingNode() ? null : bytes(plausible(schema, schemas, 0, ""));
    }

    private void send(
            String operation,
            String method,
            String path,
            Map<String, String> values,
            String token,
            Map<String, String> extraHeaders,
            byte[] body,
            String contentType) {
        String target = path;
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> value : values.entrySet()) {
            String in = value.getKey().substring(0, value.getKey().indexOf(':'));
            String name = value.getKey().substring(in.length() + 1);
            switch (in) {
                case "path" -> target = target.replace("{" + name + "}", value.getValue());
                case "query" ->
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                            .append('=')
                            .append(value.getValue());
                case "header" -> headers.put(name, value.getValue());
                default -> {}
            }
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (path.startsWith("/api/v1/sms/") && !values.containsKey("header:X-Callback-Secret")) {
            headers.put("X-Callback-Secret", SMS_CALLBACK_SECRET);
        }
        if (contentType != null && body != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(extraHeaders);
        sent++;
        RawHttp.Response response;
        try {
            response = streams.contains(operation)
                    ? new RawHttp(port).sendForHead(method, target + query, headers, body)
                    : new RawHttp(port).send(method, target + query, headers, body);
        } catch (java.io.UncheckedIOException e) {
            failures.add(method + " " + abbreviate(target + query, 200) + " " + headers.keySet() + " [" + contentType
                    + "] " + (body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8), 120))
                    + " → no answer: " + e.getCause());
            return;
        }
        judge(method + " " + target + query, contentType, body, response);
    }

    private void judge(String request, String contentType, byte[] body, RawHttp.Response response) {
        String what = abbreviate(request, 200)
                + (body == null
                        ? ""
                        : " [" + contentType + "] " + abbreviate(new String(body, StandardCharsets.UTF_8), 120));
        if (response.status() >= 500) {
            failures.add(what + " → " + response.status() + " " + abbreviate(response.text(), 300));
        } else if (response.status() >= 400 && request.contains(" /open311/") && !belowWebFlux(response)) {
            // GeoReport v2's own error format (the HTTP decoder's refusals come before any path is known: problems)
            String type = response.header("content-type");
            String text = response.text();
            boolean xml = type != null && type.startsWith("text/xml") && text.contains("<errors><error><code>");
            boolean json = false;
            try {
                JsonNode errors = this.json.readTree(response.body());
                json = type != null
                        && type.startsWith("application/json")
                        && errors.isArray()
                        && errors.get(0).path("code").isInt()
                        && errors.get(0).path("description").isString();
            } catch (RuntimeException notJson) {
                // reported below
            }
            if (!xml && !json) {
                failures.add(what + " → " + response.status() + " not in the Open311 error format: [" + type + "] "
                        + abbreviate(text, 200));
            }
        } else if (response.status() >= 400) {
            String type = response.header("content-type");
            JsonNode problem = null;
            try {
                problem = json.readTree(response.body());
            } catch (RuntimeException notJson) {
                // reported below
            }
            if (type == null
                    || !type.startsWith("application/problem+json")
                    || problem == null
                    || !problem.path("code").isString()) {
                failures.add(what + " → " + response.status() + " without a problem: [" + type + "] "
                        + abbreviate(response.text(), 200));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Refused by the HTTP decoder (shared/HttpDecoderRefusals): too long a line or headers, a URI it cannot decode. */
    private static boolean belowWebFlux(RawHttp.Response response) {
        return response.status() == 414
                || response.status() == 431
                || response.status() == 400 && response.text().contains("请求地址格式无效");
    }

    private Map<String, JsonNode> operations(JsonNode docs) {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }
        return operations;
    }

    /** {@code count} of {@code values}, chosen by the seeded random, in their order. */
    private <T> List<T> pick(List<T> values, int count) {
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(count, values.size())) {
            chosen.add(random.nextInt(values.size()));
        }
        List<T> picked = new ArrayList<>();
        for (Iterator<Integer> it = chosen.stream().sorted().iterator(); it.hasNext(); ) {
            picked.add(values.get(it.next()));
        }
        return picked;
    }

    private static String encode(String value, String in) {
        return switch (in) {
            case "header" -> value;
            case "path" -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            default -> URLEncoder.encode(value, StandardCharsets.UTF_8);
        };
    }

    private byte[] bytes(JsonNode node) {
        return json.writeValueAsBytes(node);
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + ")";
    }
}
