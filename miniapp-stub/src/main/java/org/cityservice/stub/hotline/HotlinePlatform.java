package org.cityservice.stub.hotline;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.cityservice.stub.Digests;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for a city's 12345 hotline platform. It pushes orders (工单) to the backend's
 * intake URL and takes the backend's progress callbacks at {@code /callbacks}, both signed with
 * the shared secret: {@code X-Hotline-Signature} = hex HMAC-SHA256 of
 * {@code timestamp + "\n" + nonce + "\n" + body}. It refuses what the real platform refuses (a bad
 * signature, a timestamp more than 300 s off, a nonce seen in the last 10 minutes, another
 * platform's id), records each callbackId once however often the backend retries it, and can be
 * told to be down, to fail or to answer slowly. A control API under {@code /_stub/} does the same
 * over HTTP for tools in other processes.
 */
public final class HotlinePlatform implements AutoCloseable {

    static final String PLATFORM = "X-Hotline-Platform";
    static final String TIMESTAMP = "X-Hotline-Timestamp";
    static final String NONCE = "X-Hotline-Nonce";
    static final String SIGNATURE = "X-Hotline-Signature";

    private static final HexFormat HEX = HexFormat.of();
    private static final long MAX_SKEW_SECONDS = 300;
    private static final Duration NONCE_MEMORY = Duration.ofMinutes(10);
    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Set<String> STEPS =
            Set.of("SIGNED", "DISPATCHED", "HANDLED", "CLOSED", "RETURNED", "REOPENED", "SURVEYED");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter ORDER_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    // seconds always written, as the platform writes them; OffsetDateTime.toString() drops ":00"
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** How the intake answered an order: its status, its body as sent, and that body parsed (empty if not a JSON object). */
    public record Answer(int status, String body, Map<String, Object> json) {}

    /** One callback as the platform took it; {@code body} is the whole JSON, with text, unit and survey if sent. */
    public record Callback(
            String callbackId,
            String orderId,
            String trackingNo,
            String step,
            Map<String, Object> body,
            Instant receivedAt) {}

    private final String platformId;
    private final String secret;
    private final HttpServer server;
    // several threads, so a delayed callback answer does not hold up the next request
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final JsonMapper json = JsonMapper.builder().build();
    // HTTP/1.1 as the platform speaks it: no h2c upgrade headers for the backend's server to weigh
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Map<String, Instant> seenNonces = new ConcurrentHashMap<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger orderSerials = new AtomicInteger();
    // callbacks, their ids and the duplicate count change together, and awaitCallbacks waits on them
    private final Object records = new Object();
    private final List<Callback> callbacks = new ArrayList<>();
    private final Set<String> callbackIds = new HashSet<>();
    private int duplicates;
    private volatile @Nullable String intakeUrl;
    private volatile Clock clock = Clock.systemUTC();
    private volatile boolean down;
    private volatile Duration delay = Duration.ZERO;

    private HotlinePlatform(String platformId, String secret, HttpServer server) {
        this.platformId = platformId;
        this.secret = secret;
        this.server = server;
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** @param port 0 picks a free one */
    public static HotlinePlatform start(int port, String platformId, String secret) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            HotlinePlatform platform = new HotlinePlatform(platformId, secret, server);
            server.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the 12345 hotline stand-in on port " + port, e);
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@code timestamp\nnonce\nbody} keyed with the secret, as both sides sign. */
    public static String sign(String secret, long timestamp, String nonce, String body) {
        return HEX.formatHex(
                Digests.hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "\n" + nonce + "\n" + body));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the backend sends its callbacks. */
    public String callbackUrl() {
        return url() + "/callbacks";
    }

    public String platformId() {
        return platformId;
    }

    public String secret() {
        return secret;
    }

    /** Where {@link #send} posts orders: the backend's intake. */
    public void intakeUrl(String url) {
        intakeUrl = url;
    }

    public @Nullable String intakeUrl() {
        return intakeUrl;
    }

    /** The time the platform signs and checks with; a backend test with a pinned clock pins this one too. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * A plausible order from a resident's phone call, received now and due in two days (+08:00),
     * as a mutable map a test can change before {@link #send}ing it.
     */
    public Map<String, Object> order(String orderId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), BEIJING);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", orderId);
        order.put("channel", "电话");
        order.put("category", "城市管理/市容环境/占道经营");
        order.put("description", "民主路与解放路口有流动摊贩占道经营");
        order.put("address", "焦作市解放区焦南街道民主路12号");
        order.put("location", new LinkedHashMap<>(Map.of("lat", 35.2151, "lng", 113.2421, "datum", "GCJ02")));
        order.put("reporter", new LinkedHashMap<>(Map.of("name", "张先生", "phone", "13800000000")));
        order.put("timeLimit", ORDER_TIME.format(now.plusDays(2)));
        order.put("receivedAt", ORDER_TIME.format(now));
        return order;
    }

    /** Signs the order with a fresh timestamp and nonce and posts it to the intake URL. */
    public Answer send(Map<String, Object> order) {
        return toAnswer(signAndPost(json.writeValueAsString(order)));
    }

    /** Posts exactly this body and these headers, for forged, stale and replayed orders. */
    public Answer sendSigned(String body, long timestamp, String nonce, String signature) {
        return toAnswer(post(body, timestamp, nonce, signature));
    }

    /** Every callback recorded, in arrival order, each callbackId once. */
    public List<Callback> callbacks() {
        synchronized (records) {
            return List.copyOf(callbacks);
        }
    }

    public List<Callback> callbacks(String orderId) {
        synchronized (records) {
            return callbacks.stream()
                    .filter(callback -> orderId.equals(callback.orderId()))
                    .toList();
        }
    }

    /** Callbacks whose callbackId had already been recorded: the backend retried one that had arrived. */
    public int duplicates() {
        synchronized (records) {
            return duplicates;
        }
    }

    /** Why each refused callback was refused, oldest first. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Every callback request that reached the platform, refused and failed ones too. */
    public int attempts() {
        return attempts.get();
    }

    /** Waits until the order has at least {@code count} callbacks and returns them all. */
    public List<Callback> awaitCallbacks(String orderId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                List<Callback> found = callbacks(orderId);
                long left = deadline - System.nanoTime();
                if (found.size() >= count) {
                    return found;
                }
                if (left <= 0) {
                    throw new AssertionError("Expected " + count + " callbacks for " + orderId + " within " + timeout
                            + " but had " + found.size() + ": " + found + "; rejected: " + rejected);
                }
                try {
                    records.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** While down, every callback is answered 503 and not recorded, as during the platform's maintenance. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The next {@code times} callbacks are answered 500 and not recorded. */
    public void failNext(int times) {
        failures.set(times);
    }

    /** Callbacks are answered only after this long. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Forgets callbacks, refusals, counts, nonces and faults; keeps the intake URL and the clock. */
    public void reset() {
        synchronized (records) {
            callbacks.clear();
            callbackIds.clear();
            duplicates = 0;
        }
        rejected.clear();
        seenNonces.clear();
        attempts.set(0);
        failures.set(0);
        down = false;
        delay = Duration.ZERO;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private Answer toAnswer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(), object(response.body()));
    }

    private HttpResponse<String> signAndPost(String body) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return post(body, timestamp, nonce, sign(secret, timestamp, nonce, body));
    }

    private HttpResponse<String> post(String body, long timestamp, String nonce, String signature) {
        if (intakeUrl == null) {
            throw new IllegalStateException("No intake URL: call intakeUrl(...) first");
        }
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(intakeUrl))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header(PLATFORM, platformId)
                            .header(TIMESTAMP, Long.toString(timestamp))
                            .header(NONCE, nonce)
                            .header(SIGNATURE, signature)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the intake " + intakeUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/_stub/")) {
                control(exchange, method + " " + path, body);
            } else if (path.equals("/callbacks") && method.equals("POST")) {
                callback(exchange, body);
            } else {
                answer(exchange, 404, reply(404, "没有这个地址: " + method + " " + path));
            }
        } catch (RuntimeException e) {
            answer(exchange, 500, reply(500, "平台内部错误: " + e.getMessage()));
        }
    }

    private void callback(HttpExchange exchange, String body) throws IOException {
        attempts.incrementAndGet();
        sleep(delay);
        if (down) {
            answer(exchange, 503, reply(503, "平台维护中"));
            return;
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 500, reply(500, "平台内部错误，请稍后重试"));
            return;
        }
        String refused = verify(exchange, body);
        if (refused != null) {
            rejected.add(refused);
            answer(exchange, 401, reply(401, refused));
            return;
        }
        Map<String, Object> callback = object(body);
        String malformed = malformed(callback);
        if (malformed != null) {
            rejected.add(malformed);
            answer(exchange, 400, reply(400, malformed));
            return;
        }
        // malformed() has checked that each of these is a non-blank string
        record(new Callback(
                String.valueOf(callback.get("callbackId")),
                String.valueOf(callback.get("orderId")),
                String.valueOf(callback.get("trackingNo")),
                String.valueOf(callback.get("step")),
                Collections.unmodifiableMap(callback),
                clock.instant()));
        answer(exchange, 200, reply(0, "ok"));
    }

    /** Null when the request is the platform's own, fresh, unseen and signed with the secret; else why not. */
    private @Nullable String verify(HttpExchange exchange, String body) {
        String platform = exchange.getRequestHeaders().getFirst(PLATFORM);
        if (!platformId.equals(platform)) {
            return "平台标识不符: " + platform;
        }
        Instant now = clock.instant();
        long timestamp;
        try {
            timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst(TIMESTAMP));
        } catch (NumberFormatException e) {
            return "时间戳缺失或无效";
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > MAX_SKEW_SECONDS) {
            return "时间戳与平台时间相差超过 " + MAX_SKEW_SECONDS + " 秒: " + timestamp;
        }
        String nonce = exchange.getRequestHeaders().getFirst(NONCE);
        if (nonce == null || !NONCE_FORMAT.matcher(nonce).matches()) {
            return "随机串缺失或格式无效";
        }
        String signature = exchange.getRequestHeaders().getFirst(SIGNATURE);
        byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "签名不符";
        }
        // only a correctly signed request uses up its nonce, so a forger cannot burn the backend's nonces
        seenNonces.values().removeIf(seen -> seen.isBefore(now.minus(NONCE_MEMORY)));
        if (seenNonces.putIfAbsent(nonce, now) != null) {
            return "随机串已使用过: " + nonce;
        }
        return null;
    }

    private static @Nullable String malformed(Map<String, Object> callback) {
        for (String field : List.of("callbackId", "orderId", "trackingNo", "step")) {
            if (!(callback.get(field) instanceof String value) || value.isBlank()) {
                return "回调缺少字段: " + field;
            }
        }
        if (!STEPS.contains(callback.get("step"))) {
            return "未知的办理环节: " + callback.get("step");
        }
        return null;
    }

    private void record(Callback callback) {
        synchronized (records) {
            if (callbackIds.add(callback.callbackId())) {
                callbacks.add(callback);
                records.notifyAll();
            } else {
                duplicates++;
            }
        }
    }

    private void control(HttpExchange exchange, String request, String body) throws IOException {
        switch (request) {
            case "POST /_stub/orders" -> {
                Map<String, Object> given = object(body);
                String orderId = given.get("orderId") instanceof String id ? id : nextOrderId();
                Map<String, Object> order = order(orderId);
                // a field given as null leaves it out, e.g. an order without a location
                given.forEach((field, value) -> {
                    if (value == null) {
                        order.remove(field);
                    } else {
                        order.put(field, value);
                    }
                });
                HttpResponse<String> response;
                try {
                    response = signAndPost(json.writeValueAsString(order));
                } catch (UncheckedIOException | IllegalStateException e) {
                    answer(exchange, 502, reply(502, "工单未能送达: " + e.getMessage()));
                    return;
                }
                byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders()
                        .set(
                                "Content-Type",
                                response.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            case "GET /_stub/callbacks" -> answer(exchange, 200, callbacks());
            case "POST /_stub/faults" -> {
                Map<String, Object> faults = object(body);
                if (faults.get("down") instanceof Boolean value) {
                    down(value);
                }
                if (faults.get("failNext") instanceof Number value) {
                    failNext(value.intValue());
                }
                if (faults.get("delayMs") instanceof Number value) {
                    delay(Duration.ofMillis(value.longValue()));
                }
                answer(exchange, 200, Map.of("down", down, "failNext", failures.get(), "delayMs", delay.toMillis()));
            }
            case "POST /_stub/reset" -> {
                reset();
                answer(exchange, 200, reply(0, "ok"));
            }
            default -> answer(exchange, 404, reply(404, "没有这个地址: " + request));
        }
    }

    /** An id in the platform's form, HN12345-yyyyMMdd-nnnnnn, unique within this run. */
    private String nextOrderId() {
        return "HN12345-" + ORDER_DAY.format(OffsetDateTime.ofInstant(clock.instant(), BEIJING)) + "-"
                + String.format("%06d", orderSerials.incrementAndGet());
    }

    private Map<String, Object> object(String body) {
        try {
            Map<String, Object> parsed = json.readValue(body, OBJECT);
            return parsed == null ? Map.of() : parsed;
        } catch (JacksonException e) {
            return Map.of();
        }
    }

    private static Map<String, Object> reply(int code, String message) {
        return Map.of("code", code, "message", message);
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange, int status, Object answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
