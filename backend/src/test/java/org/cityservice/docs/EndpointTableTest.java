package org.cityservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's endpoint table and the OpenAPI description name the same operations: one added to the
 * code without a row, or a row left after its endpoint went, fails the build.
 */
class EndpointTableTest extends IntegrationTest {

    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern OPERATION = Pattern.compile("^((?:[A-Z]+/)*[A-Z]+) (\\S+)$");

    @Test
    void everyOperationOfTheDescriptionIsInTheReadmesTableAndEveryRowThere() throws IOException {
        TreeSet<String> documented = readmeOperations();
        TreeSet<String> described = new TreeSet<>();
        JsonNode paths = JsonMapper.builder()
                .build()
                .readTree(web.get()
                        .uri("/v3/api-docs")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (String method : path.getValue().propertyNames()) {
                described.add(method.toUpperCase(Locale.ROOT) + " " + normalized(path.getKey()));
            }
        }
        TreeSet<String> notInTable = new TreeSet<>(described);
        notInTable.removeAll(documented);
        TreeSet<String> notInCode = new TreeSet<>(documented);
        notInCode.removeAll(described);
        // the console's page is no API operation (hidden from the description); actuator paths are Spring's
        notInCode.removeIf(operation -> operation.contains(" /console/") || operation.contains(" /actuator/"));
        assertThat(notInTable.isEmpty() && notInCode.isEmpty())
                .as(
                        "operations missing from the README's table: %s; rows of the table no operation answers: %s",
                        notInTable, notInCode)
                .isTrue();
    }

    /** `GET/POST /path`, `…/rest` (the row's first path + rest), query strings dropped, path variables unnamed. */
    private static TreeSet<String> readmeOperations() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int header = lines.indexOf("| endpoint | who | what |");
        assertThat(header).as("the README's endpoint table").isNotNegative();
        TreeSet<String> operations = new TreeSet<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String endpoints = line.split("\\|")[1];
            String first = null;
            Matcher spans = SPAN.matcher(endpoints);
            while (spans.find()) {
                Matcher operation = OPERATION.matcher(spans.group(1));
                if (!operation.matches()) {
                    continue;
                }
                String path = operation.group(2).replaceFirst("\\?.*$", "");
                if (path.startsWith("…")) {
                    path = first + path.substring(1);
                } else if (first == null) {
                    first = path;
                }
                for (String method : operation.group(1).split("/")) {
                    operations.add(method + " " + normalized(path));
                }
            }
        }
        return operations;
    }

    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
