package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged backend in a process of its own, with its embedded Redis on the zero-setup default
 * (AOF, fsync on every write). Right after a 201 both are killed with SIGKILL — no shutdown hook,
 * no flush — and the backend is started again on the same data: the case must be there.
 */
class CrashRecoveryIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Process backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            kill(backend);
        }
    }

    @Test
    void anAcknowledgedComplaintSurvivesKillMinusNineOfBackendAndRedis() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crash-");
        int port = freePort();
        int platform = freePort();
        backend = start(data, port, platform);

        String code = post("http://127.0.0.1:" + platform + "/_stub/login-code", "{\"user\":\"alice\"}", null)
                .get("code")
                .asString();
        String token = post(
                        "http://127.0.0.1:" + port + "/api/v1/auth/wechat-login", "{\"code\":\"" + code + "\"}", null)
                .get("token")
                .asString();
        HttpResponse<String> created = send(
                "http://127.0.0.1:" + port + "/api/v1/complaints",
                "{\"category\":\"street-vending\",\"description\":\"人民路口有人占道\",\"location\":{\"lat\":35.24,\"lng\":113.17}}",
                token);
        assertThat(created.statusCode()).isEqualTo(201);
        String trackingNo = json.readTree(created.body()).get("trackingNo").asString();

        kill(backend); // SIGKILL to redis-server and the JVM, nothing flushed on the way out

        backend = start(data, port, freePort());
        HttpResponse<String> after = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/complaints/" + trackingNo))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json.readTree(after.body()).get("description").asString()).isEqualTo("人民路口有人占道");
    }

    private Process start(Path data, int port, int platform) throws Exception {
        String jar = System.getProperty("backend.jar");
        Process process = new ProcessBuilder(List.of(
                        javaBinary(),
                        "-jar",
                        jar,
                        "--spring.profiles.active=local",
                        "--server.port=" + port,
                        "--app.redis.embedded.data-dir=" + data.toAbsolutePath(),
                        "--app.demo-data.mode=off",
                        "--app.wechat.local-platform-port=" + platform,
                        "--app.sms.local-platform-port=" + freePort(),
                        "--app.hotline.local-platform-port=" + freePort(),
                        "--app.identity.bootstrap-admin.password=crash-test-password",
                        "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("backend-" + port + "-" + System.nanoTime() + ".log")
                        .toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(process.isAlive()).as("backend process").isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("backend did not start within 90 s");
    }

    /** Children first (the redis-server), so none is left orphaned and running. */
    private static void kill(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
            process.toHandle().descendants().forEach(child -> child.onExit().join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode post(String url, String body, String token) throws Exception {
        HttpResponse<String> response = send(url, body, token);
        assertThat(response.statusCode()).as(url).isBetween(200, 299);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
