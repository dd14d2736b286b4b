package org.cityservice.stub.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cityservice.stub.Digests;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Tencent Cloud SMS (API 2021-01-11) that the official SDK is pointed at
 * ({@code HttpProfile.setEndpoint} + {@code http://}). It checks each request's TC3-HMAC-SHA256
 * signature and timestamp as Tencent does, answers {@code SendSms} with Tencent's JSON (a
 * {@code SendStatusSet} entry per number, {@code Code: "Ok"} or Tencent's error codes), records
 * what was sent, and does what Tencent does afterwards: pushes a resident's reply and the delivery
 * report to the callback URLs, in Tencent's callback JSON. A control API under {@code /_stub/}
 * does the same over HTTP for tools in other processes.
 */
public final class SmsPlatform implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** One message as the provider took it. */
    public record SentSms(
            String serialNo,
            String phone,
            String templateId,
            List<String> params,
            String signName,
            String sessionContext,
            Instant at) {}

    private final String secretId;
    private final String secretKey;
    private final String sdkAppId;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(64);
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // a queue, not a copy-on-write list: a burst of 100,000 sends copied the whole list for each one
    private final Queue<SentSms> sent = new ConcurrentLinkedQueue<>();
    private final Set<String> numbersSentTo = ConcurrentHashMap.newKeySet();
    private final Map<String, SentSms> bySerial = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** The client ends of the API calls' connections: how many connections a client opened. */
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong serials = new AtomicLong();

    private SmsPlatform(String secretId, String secretKey, String sdkAppId, HttpServer server) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.sdkAppId = sdkAppId;
        this.server = server;
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** @param port 0 picks a free one */
    public static SmsPlatform start(int port, String secretId, String secretKey, String sdkAppId) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            SmsPlatform platform = new SmsPlatform(secretId, secretKey, sdkAppId, server);
            server.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SMS stand-in on port " + port, e);
        }
    }

    /** What the SDK's {@code HttpProfile.setEndpoint} takes: host and port, no scheme. */
    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return "http://" + endpoint();
    }

    public String secretId() {
        return secretId;
    }

    public String secretKey() {
        return secretKey;
    }

    public String sdkAppId() {
        return sdkAppId;
    }

    public List<SentSms> sent() {
        return List.copyOf(sent);
    }

    /** Messages to one number, oldest first. */
    public List<SentSms> sentTo(String phone) {
        return sent.stream().filter(sms -> sms.phone().equals(phone)).toList();
    }

    /** The next {@code times} SendSms calls fail as a whole (Tencent's {@code InternalError}). */
    public void failNext(int times) {
        failures.set(times);
    }

    /** Messages to this number are refused ({@code InvalidParameterValue.IncorrectPhoneNumber}), as for a dead number. */
    public void unreachable(String phone) {
        unreachable.add(phone);
    }

    /** How many connections the API calls since the last reset came over (a client that reuses them opens few). */
    public int connections() {
        return connections.size();
    }

    public void reset() {
        connections.clear();
        sent.clear();
        numbersSentTo.clear();
        bySerial.clear();
        unreachable.clear();
        failures.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /**
     * The resident answers by SMS: Tencent pushes {@code {mobile, nationcode, text, time, sign, extend}}
     * to the reply callback. Returns the HTTP status and body the backend answered.
     */
    public Delivery pushReply(String callbackUrl, @Nullable String phone, @Nullable String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("extend", "");
        body.put("mobile", phone);
        body.put("nationcode", "86");
        body.put("sign", "城管服务");
        body.put("text", text);
        body.put("time", Instant.now().getEpochSecond());
        return post(callbackUrl, json.writeValueAsString(body));
    }

    /** Tencent pushes the delivery report of a message: an array with one entry. */
    public Delivery pushReport(String callbackUrl, String serialNo, boolean delivered) {
        SentSms sms = bySerial.get(serialNo);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("user_receive_time", REPORT_TIME.format(LocalDateTime.now(SHANGHAI)));
        report.put("nationcode", "86");
        report.put("mobile", sms == null ? "" : sms.phone());
        report.put("report_status", delivered ? "SUCCESS" : "FAIL");
        report.put("errmsg", delivered ? "DELIVRD" : "MK:0001");
        report.put("description", delivered ? "用户短信送达成功" : "用户短信送达失败");
        report.put("sid", serialNo);
        return post(callbackUrl, json.writeValueAsString(List.of(report)));
    }

    /** The same body again, as Tencent retries a callback it thinks failed. */
    public Delivery redeliver(String callbackUrl, Delivery delivery) {
        return post(callbackUrl, delivery.body());
    }

    /** What a callback carried and how the backend answered it. */
    public record Delivery(String body, int status, String answer) {}

    private Delivery post(String url, String body) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Delivery(body, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/_stub/")) {
                control(exchange, path, body);
                return;
            }
            connections.add(exchange.getRemoteAddress());
            String requestId = UUID.randomUUID().toString();
            String denied = checkSignature(exchange, body);
            if (denied != null) {
                answer(
                        exchange,
                        error(
                                denied.substring(0, denied.indexOf(' ')),
                                denied.substring(denied.indexOf(' ') + 1),
                                requestId));
                return;
            }
            String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
            if (!"SendSms".equals(action)) {
                answer(exchange, error("InvalidAction", "The action " + action + " is not supported here.", requestId));
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(
                        exchange,
                        error("InternalError", "An internal error has occurred. Retry your request.", requestId));
                return;
            }
            answer(exchange, sendSms(json.readValue(body, Map.class), requestId));
        } catch (RuntimeException e) {
            answer(
                    exchange,
                    error("InternalError", e.toString(), UUID.randomUUID().toString()));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sendSms(Map<String, Object> request, String requestId) {
        if (!sdkAppId.equals(request.get("SmsSdkAppId"))) {
            return error("FailedOperation.SmsSdkAppIdVerifyFail", "SmsSdkAppId verify failed.", requestId);
        }
        if (request.get("SignName") == null || request.get("TemplateId") == null) {
            return error("MissingParameter", "SignName and TemplateId are required.", requestId);
        }
        List<String> phones = (List<String>) request.getOrDefault("PhoneNumberSet", List.of());
        List<String> params = (List<String>) request.getOrDefault("TemplateParamSet", List.of());
        String session = (String) request.getOrDefault("SessionContext", "");
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (String number : phones) {
            String phone = number.startsWith("+86") ? number.substring(3) : number;
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("PhoneNumber", number);
            status.put("SessionContext", session);
            status.put("IsoCode", "CN");
            if (!phone.matches("1[3-9]\\d{9}") || unreachable.contains(phone)) {
                status.put("SerialNo", "");
                status.put("Fee", 0);
                status.put("Code", "InvalidParameterValue.IncorrectPhoneNumber");
                status.put("Message", "incorrect phone number");
            } else {
                String serial = "2433:" + (1_000_000_000L + serials.incrementAndGet());
                SentSms sms = new SentSms(
                        serial,
                        phone,
                        (String) request.get("TemplateId"),
                        List.copyOf(params),
                        (String) request.get("SignName"),
                        session,
                        Instant.now());
                sent.add(sms);
                numbersSentTo.add(sms.phone());
                bySerial.put(serial, sms);
                status.put("SerialNo", serial);
                status.put("Fee", 1);
                status.put("Code", "Ok");
                status.put("Message", "send success");
            }
            statuses.add(status);
        }
        return Map.of("Response", Map.of("SendStatusSet", statuses, "RequestId", requestId));
    }

    /** Checks the TC3-HMAC-SHA256 signature as Tencent does; null when it holds, else "Code message". */
    private @Nullable String checkSignature(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("TC3-HMAC-SHA256 ")) {
            return "AuthFailure.SignatureFailure The request has no TC3-HMAC-SHA256 signature.";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("TC3-HMAC-SHA256 ".length()).split(",")) {
            int eq = part.indexOf('=');
            parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/");
        if (credential.length != 4 || !credential[0].equals(secretId)) {
            return "AuthFailure.SecretIdNotFound The SecretId is not found.";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("X-TC-Timestamp"));
        } catch (RuntimeException e) {
            return "AuthFailure.InvalidAuthorization X-TC-Timestamp is missing.";
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return "AuthFailure.SignatureExpire The signature expired.";
        }
        String date = Instant.ofEpochSecond(timestamp)
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        String canonical = exchange.getRequestMethod() + "\n/\n\n"
                + "content-type:" + exchange.getRequestHeaders().getFirst("Content-Type") + "\n"
                + "host:" + exchange.getRequestHeaders().getFirst("Host") + "\n\n"
                + "content-type;host\n" + HEX.formatHex(Digests.sha256(body));
        String scope = credential[1] + "/" + credential[2] + "/" + credential[3];
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + HEX.formatHex(Digests.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = Digests.hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = Digests.hmac(key, credential[2]);
        key = Digests.hmac(key, "tc3_request");
        String expected = HEX.formatHex(Digests.hmac(key, toSign));
        if (!credential[1].equals(date)
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        parts.getOrDefault("Signature", "").getBytes(StandardCharsets.US_ASCII))) {
            return "AuthFailure.SignatureFailure The provided credentials could not be validated.";
        }
        return null;
    }

    private void control(HttpExchange exchange, String path, byte[] body) throws IOException {
        Map<String, Object> answer = switch (path) {
            case "/_stub/sent" -> Map.of("count", sent.size(), "messages", List.copyOf(sent));
            case "/_stub/sent/count" ->
                Map.of("count", sent.size(), "distinctPhones", numbersSentTo.size(), "connections", connections.size());
            case "/_stub/reset" -> {
                reset();
                yield Map.of("ok", true);
            }
            case "/_stub/reply" -> {
                Map<?, ?> request = json.readValue(body, Map.class);
                Delivery delivery = pushReply(
                        Objects.requireNonNull((String) request.get("callback"), "callback"),
                        (String) request.get("phone"),
                        (String) request.get("text"));
                yield Map.of("status", delivery.status(), "answer", delivery.answer());
            }
            default -> null;
        };
        if (answer == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        answer(exchange, answer);
    }

    private static Map<String, Object> error(String code, String message, String requestId) {
        return Map.of("Response", Map.of("Error", Map.of("Code", code, "Message", message), "RequestId", requestId));
    }

    private void answer(HttpExchange exchange, Object answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
