package org.cityservice.stub.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in checks callbacks as the 12345 platform does and signs orders so the backend can check them; no backend here. */
class HotlinePlatformTest {

    private static final String PLATFORM_ID = "henan-12345";
    private static final String SECRET = "test-hotline-secret";
    // 2026-12-04 10:00 in Beijing
    private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private HotlinePlatform platform;
    private FakeIntake intake;

    @BeforeEach
    void start() {
        platform = HotlinePlatform.start(0, PLATFORM_ID, SECRET);
        platform.clock(Clock.fixed(NOW, ZoneOffset.UTC));
        intake = new FakeIntake();
        platform.intakeUrl(intake.url());
    }

    @AfterEach
    void stop() {
        platform.close();
        intake.close();
    }

    @Test
    void aSignedCallbackIsRecordedAndAcknowledged() {
        Map<String, Object> body = callback("JZ20261204-000001:1", "HN12345-20261204-000017", "SIGNED");
        body.put("text", "已签收，正在派单");

        HttpResponse<String> response = postCallback(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tree(response.body()).get("code").asInt()).isZero();
        assertThat(tree(response.body()).get("message").asString()).isEqualTo("ok");
        assertThat(platform.callbacks()).singleElement().satisfies(callback -> {
            assertThat(callback.callbackId()).isEqualTo("JZ20261204-000001:1");
            assertThat(callback.orderId()).isEqualTo("HN12345-20261204-000017");
            assertThat(callback.trackingNo()).isEqualTo("JZ20261204-000001");
            assertThat(callback.step()).isEqualTo("SIGNED");
            assertThat(callback.body()).containsEntry("text", "已签收，正在派单");
            assertThat(callback.receivedAt()).isEqualTo(NOW);
        });
        assertThat(platform.callbacks("HN12345-20261204-000017")).hasSize(1);
        assertThat(platform.callbacks("HN12345-other")).isEmpty();
        assertThat(platform.rejected()).isEmpty();
        assertThat(platform.attempts()).isEqualTo(1);
    }

    @Test
    void forgedStaleReplayedAndForeignCallbacksAreRefused() {
        long now = NOW.getEpochSecond();
        String body = write(callback("JZ20261204-000001:1", "HN12345-20261204-000017", "SIGNED"));

        String forgedNonce = nonce();
        assertRefused(postCallback(
                body, PLATFORM_ID, now, forgedNonce, HotlinePlatform.sign("not-the-secret", now, forgedNonce, body)));
        String staleNonce = nonce();
        assertRefused(postCallback(
                body, PLATFORM_ID, now - 301, staleNonce, HotlinePlatform.sign(SECRET, now - 301, staleNonce, body)));
        String earlyNonce = nonce();
        assertRefused(postCallback(
                body, PLATFORM_ID, now + 301, earlyNonce, HotlinePlatform.sign(SECRET, now + 301, earlyNonce, body)));
        String foreignNonce = nonce();
        assertRefused(postCallback(
                body, "hebei-12345", now, foreignNonce, HotlinePlatform.sign(SECRET, now, foreignNonce, body)));

        String used = nonce();
        assertThat(postCallback(body, PLATFORM_ID, now, used, HotlinePlatform.sign(SECRET, now, used, body))
                        .statusCode())
                .isEqualTo(200);
        String other = write(callback("JZ20261204-000001:2", "HN12345-20261204-000017", "DISPATCHED"));
        assertRefused(postCallback(other, PLATFORM_ID, now, used, HotlinePlatform.sign(SECRET, now, used, other)));

        assertThat(platform.rejected()).hasSize(5);
        assertThat(platform.rejected().get(0)).contains("签名");
        assertThat(platform.rejected().get(1)).contains("时间戳");
        assertThat(platform.rejected().get(2)).contains("时间戳");
        assertThat(platform.rejected().get(3)).contains("平台标识").contains("hebei-12345");
        assertThat(platform.rejected().get(4)).contains("随机串已使用过");
        // only the one good request got through; the replay carried another callbackId and is still absent
        assertThat(platform.callbacks())
                .extracting(HotlinePlatform.Callback::callbackId)
                .containsExactly("JZ20261204-000001:1");
        assertThat(platform.attempts()).isEqualTo(6);
    }

    @Test
    void aSignedCallbackWithAnUnknownStepIsRefused() {
        Map<String, Object> body = callback("JZ20261204-000001:1", "HN12345-20261204-000017", "WAITING");

        HttpResponse<String> response = postCallback(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(platform.rejected()).singleElement().asString().contains("WAITING");
        assertThat(platform.callbacks()).isEmpty();
    }

    @Test
    void aRetriedCallbackIsRecordedOnceAndAcknowledgedAgain() {
        Map<String, Object> body = callback("JZ20261204-000001:3", "HN12345-20261204-000017", "HANDLED");

        HttpResponse<String> first = postCallback(body);
        HttpResponse<String> again = postCallback(body);

        assertThat(List.of(first, again)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(tree(response.body()).get("code").asInt()).isZero();
        });
        assertThat(platform.callbacks()).hasSize(1);
        assertThat(platform.duplicates()).isEqualTo(1);
        assertThat(platform.attempts()).isEqualTo(2);
    }

    @Test
    void whileDownNothingIsRecordedAndAfterwardsTheRetryIs() {
        Map<String, Object> body = callback("JZ20261204-000001:1", "HN12345-20261204-000017", "SIGNED");
        platform.down(true);

        HttpResponse<String> during = postCallback(body);

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(tree(during.body()).get("message").asString()).isEqualTo("平台维护中");
        assertThat(platform.callbacks()).isEmpty();

        platform.down(false);
        assertThat(postCallback(body).statusCode()).isEqualTo(200);
        assertThat(platform.callbacks()).hasSize(1);
        assertThat(platform.duplicates()).isZero();
        assertThat(platform.attempts()).isEqualTo(2);
    }

    @Test
    void failNextFailsThatManyCallbacksThenAcknowledges() {
        Map<String, Object> body = callback("JZ20261204-000001:1", "HN12345-20261204-000017", "SIGNED");
        platform.failNext(2);

        assertThat(postCallback(body).statusCode()).isEqualTo(500);
        assertThat(postCallback(body).statusCode()).isEqualTo(500);
        assertThat(platform.callbacks()).isEmpty();
        assertThat(postCallback(body).statusCode()).isEqualTo(200);
        assertThat(platform.callbacks()).hasSize(1);
        assertThat(platform.duplicates()).isZero();
        assertThat(platform.attempts()).isEqualTo(3);
    }

    @Test
    void aSlowAnswerDoesNotHoldUpOtherRequests() {
        platform.delay(Duration.ofMillis(1500));
        long started = System.nanoTime();

        CompletableFuture<HttpResponse<String>> first = postCallbackAsync(callback("JZ1:1", "HN-1", "SIGNED"));
        CompletableFuture<HttpResponse<String>> second = postCallbackAsync(callback("JZ2:1", "HN-2", "SIGNED"));
        HttpResponse<String> listed = get("/_stub/callbacks");
        long listedAfter = millisSince(started);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listedAfter).isLessThan(1000);
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(second.join().statusCode()).isEqualTo(200);
        long bothAfter = millisSince(started);
        assertThat(bothAfter).isBetween(1500L, 2900L);
        assertThat(platform.callbacks()).hasSize(2);
    }

    @Test
    void awaitCallbacksWaitsForLateOnesAndSaysWhatItHadOnTimeout() {
        String orderId = "HN12345-20261204-000017";
        postCallback(callback("JZ20261204-000001:1", orderId, "SIGNED"));
        CompletableFuture.runAsync(() -> {
            sleep(300);
            postCallback(callback("JZ20261204-000001:2", orderId, "DISPATCHED"));
        });

        List<HotlinePlatform.Callback> arrived = platform.awaitCallbacks(orderId, 2, Duration.ofSeconds(5));

        assertThat(arrived).extracting(HotlinePlatform.Callback::step).containsExactly("SIGNED", "DISPATCHED");
        assertThatThrownBy(() -> platform.awaitCallbacks(orderId, 3, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("had 2")
                .hasMessageContaining("DISPATCHED");
    }

    @Test
    void anOrderIsSignedSoTheBackendCanCheckIt() {
        intake.answer(
                201,
                "{\"orderId\":\"HN12345-20261204-000017\",\"trackingNo\":\"JZ20261204-000001\",\"duplicate\":false}");
        Map<String, Object> order = platform.order("HN12345-20261204-000017");

        HotlinePlatform.Answer answer = platform.send(order);
        platform.send(order);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json())
                .containsEntry("trackingNo", "JZ20261204-000001")
                .containsEntry("duplicate", false);
        FakeIntake.Received received = intake.received().get(0);
        assertThat(received.header("X-Hotline-Platform")).isEqualTo(PLATFORM_ID);
        assertThat(received.header("X-Hotline-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(received.header("X-Hotline-Nonce")).matches("[A-Za-z0-9_-]{16,64}");
        assertThat(received.header("X-Hotline-Signature"))
                .isEqualTo(HotlinePlatform.sign(
                        SECRET,
                        Long.parseLong(received.header("X-Hotline-Timestamp")),
                        received.header("X-Hotline-Nonce"),
                        received.body()));
        assertThat(received.header("Content-Type")).startsWith("application/json");
        JsonNode sent = tree(received.body());
        assertThat(sent.get("orderId").asString()).isEqualTo("HN12345-20261204-000017");
        assertThat(sent.get("receivedAt").asString()).isEqualTo("2026-12-04T10:00:00+08:00");
        assertThat(sent.get("timeLimit").asString()).isEqualTo("2026-12-06T10:00:00+08:00");
        assertThat(sent.at("/location/datum").asString()).isEqualTo("GCJ02");
        assertThat(sent.at("/reporter/name").asString()).isEqualTo("张先生");
        assertThat(intake.received().get(1).header("X-Hotline-Nonce")).isNotEqualTo(received.header("X-Hotline-Nonce"));
    }

    @Test
    void sendSignedSendsExactlyWhatItIsGiven() {
        intake.answer(
                401, "{\"type\":\"about:blank\",\"title\":\"签名无效\",\"status\":401,\"code\":\"HOTLINE_SIGNATURE\"}");

        HotlinePlatform.Answer answer =
                platform.sendSigned("{\"orderId\":\"X\"}", 1_700_000_000L, "forged-nonce-0000", "00ff");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).containsEntry("code", "HOTLINE_SIGNATURE");
        FakeIntake.Received received = intake.received().get(0);
        assertThat(received.body()).isEqualTo("{\"orderId\":\"X\"}");
        assertThat(received.header("X-Hotline-Timestamp")).isEqualTo("1700000000");
        assertThat(received.header("X-Hotline-Nonce")).isEqualTo("forged-nonce-0000");
        assertThat(received.header("X-Hotline-Signature")).isEqualTo("00ff");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampNonceAndBody() {
        // computed independently (Python's hmac) so both sides can check against the same value
        String body = "{\"callbackId\":\"JZ20261204-000001:2\",\"step\":\"SIGNED\",\"text\":\"已签收\"}";
        assertThat(HotlinePlatform.sign("local-hotline-secret", 1796349600L, "abcdefghijklmnop", body))
                .isEqualTo("6d8caeb59ca1e6f1813d111f869d7d2e3870950f0c2b48dbf504d0d5bd8a73e1");
    }

    @Test
    void theControlApiSendsOrdersListsCallbacksAndSetsFaults() {
        intake.answer(
                201,
                "{\"orderId\":\"HN12345-20261204-000099\",\"trackingNo\":\"JZ20261204-000009\",\"duplicate\":false}");

        HttpResponse<String> sent = post(
                "/_stub/orders",
                "{\"orderId\":\"HN12345-20261204-000099\",\"description\":\"路灯不亮\",\"location\":null}");

        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(tree(sent.body()).get("trackingNo").asString()).isEqualTo("JZ20261204-000009");
        JsonNode order = tree(intake.received().get(0).body());
        assertThat(order.get("orderId").asString()).isEqualTo("HN12345-20261204-000099");
        assertThat(order.get("description").asString()).isEqualTo("路灯不亮");
        assertThat(order.get("category").asString()).isEqualTo("城市管理/市容环境/占道经营");
        assertThat(order.has("location")).isFalse();

        post("/_stub/orders", "{}");
        assertThat(tree(intake.received().get(1).body()).get("orderId").asString())
                .matches("HN12345-20261204-\\d{6}");

        postCallback(callback("JZ20261204-000009:1", "HN12345-20261204-000099", "SIGNED"));
        JsonNode listed = tree(get("/_stub/callbacks").body());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed.get(0).get("callbackId").asString()).isEqualTo("JZ20261204-000009:1");
        assertThat(listed.get(0).at("/body/step").asString()).isEqualTo("SIGNED");
        assertThat(listed.get(0).get("receivedAt").asString()).isEqualTo("2026-12-04T02:00:00Z");

        JsonNode faults =
                tree(post("/_stub/faults", "{\"failNext\":1,\"delayMs\":0}").body());
        assertThat(faults.get("failNext").asInt()).isEqualTo(1);
        assertThat(postCallback(callback("JZ20261204-000009:2", "HN12345-20261204-000099", "DISPATCHED"))
                        .statusCode())
                .isEqualTo(500);
        post("/_stub/faults", "{\"down\":true}");
        assertThat(postCallback(callback("JZ20261204-000009:2", "HN12345-20261204-000099", "DISPATCHED"))
                        .statusCode())
                .isEqualTo(503);

        assertThat(post("/_stub/reset", "").statusCode()).isEqualTo(200);
        assertThat(tree(get("/_stub/callbacks").body()).size()).isZero();
        assertThat(postCallback(callback("JZ20261204-000009:2", "HN12345-20261204-000099", "DISPATCHED"))
                        .statusCode())
                .isEqualTo(200);
    }

    private static Map<String, Object> callback(String callbackId, String orderId, String step) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", callbackId);
        body.put("orderId", orderId);
        body.put("trackingNo", callbackId.substring(0, callbackId.indexOf(':')));
        body.put("step", step);
        body.put("at", "2026-12-04T10:05:00+08:00");
        return body;
    }

    private HttpResponse<String> postCallback(Map<String, Object> body) {
        return postCallbackAsync(body).join();
    }

    /** As the backend sends one: fresh nonce, the platform's time, signed with the shared secret. */
    private CompletableFuture<HttpResponse<String>> postCallbackAsync(Map<String, Object> body) {
        String text = write(body);
        long now = NOW.getEpochSecond();
        String nonce = nonce();
        return http.sendAsync(
                callbackRequest(text, PLATFORM_ID, now, nonce, HotlinePlatform.sign(SECRET, now, nonce, text)),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postCallback(
            String body, String platformId, long timestamp, String nonce, String signature) {
        return send(callbackRequest(body, platformId, timestamp, nonce, signature));
    }

    private HttpRequest callbackRequest(
            String body, String platformId, long timestamp, String nonce, String signature) {
        return HttpRequest.newBuilder(URI.create(platform.callbackUrl()))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Hotline-Platform", platformId)
                .header("X-Hotline-Timestamp", Long.toString(timestamp))
                .header("X-Hotline-Nonce", nonce)
                .header("X-Hotline-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode answer = tree(response.body());
        assertThat(answer.get("code").asInt()).isEqualTo(401);
        assertThat(answer.get("message").asString()).isNotBlank();
    }

    private HttpResponse<String> get(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(platform.url() + path)).GET().build());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, Object> body) {
        return json.writeValueAsString(body);
    }

    private JsonNode tree(String body) {
        return json.readTree(body);
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The backend's intake as far as these tests need it: keeps what arrived, answers what it is told to. */
    private static final class FakeIntake implements AutoCloseable {

        record Received(Map<String, String> headers, String body) {
            String header(String name) {
                return headers.get(name.toLowerCase(java.util.Locale.ROOT));
            }
        }

        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private volatile int status = 201;
        private volatile String answer = "{}";

        FakeIntake() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hotline/v1/orders", exchange -> {
                try (exchange) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    exchange.getRequestHeaders()
                            .forEach((name, values) ->
                                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                    received.add(new Received(
                            headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders()
                            .set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hotline/v1/orders";
        }

        void answer(int status, String body) {
            this.status = status;
            this.answer = body;
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
