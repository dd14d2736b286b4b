package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description says what the API really answers, so a client generated from it handles it. */
class ApiDocumentationTest extends IntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void operationsThatCreateDeclare201AndThoseWithNoBody204() {
        JsonNode paths = paths();
        assertThat(codes(paths, "/api/v1/complaints", "post")).contains("201", "200");
        assertThat(codes(paths, "/api/v1/uploads", "post")).contains("201");
        assertThat(codes(paths, "/api/v1/admin/staff", "post")).contains("201");
        assertThat(codes(paths, "/api/v1/admin/stations", "post")).contains("201");
        assertThat(codes(paths, "/api/v1/me", "delete")).contains("204");
        assertThat(codes(paths, "/api/v1/auth/logout", "post")).contains("204");
    }

    @Test
    void everyOperationDeclaresItsProblemsAsProblemJson() {
        JsonNode paths = paths();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().path("responses");
                // Open311 GeoReport v2 has an error format of its own, in JSON and XML (docs/open311.md)
                String errorType =
                        path.getKey().startsWith("/open311/") ? "application/json" : "application/problem+json";
                if (path.getKey().startsWith("/open311/")
                        && !responses.path("default").path("content").has("text/xml")) {
                    missing.add(operation.getKey() + " " + path.getKey() + ": default text/xml");
                }
                if (!responses.path("default").path("content").has(errorType)) {
                    missing.add(operation.getKey() + " " + path.getKey() + ": default");
                }
                if (path.getKey().contains("{") && !responses.has("404")) {
                    missing.add(operation.getKey() + " " + path.getKey() + ": 404");
                }
                boolean takesInput = operation.getValue().path("parameters").size() > 0
                        || operation.getValue().has("requestBody");
                if (takesInput && !responses.has("400")) {
                    missing.add(operation.getKey() + " " + path.getKey() + ": 400");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Holds the description's list of guarded paths to the security rules: anonymous callers get 401 exactly where it says so. */
    @Test
    void anonymousCallersAreRefusedWith401ExactlyWhereTheDescriptionSaysSo() {
        JsonNode paths = paths();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String uri = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                boolean declared = operation.getValue().path("responses").has("401");
                HttpMethod method = HttpMethod.valueOf(operation.getKey().toUpperCase());
                int status = web.method(method)
                        .uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
                if (declared != (status == 401)) {
                    wrong.add(method + " " + path.getKey() + " answered " + status
                            + (declared ? ", declared 401" : ", 401 not declared"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private JsonNode paths() {
        String body = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readTree(body).path("paths");
    }

    private static List<String> codes(JsonNode paths, String path, String method) {
        return paths.path(path).path(method).path("responses").propertyNames().stream()
                .toList();
    }
}
