package org.cityservice.stub.wechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the WeChat platform, answering the calls the backend makes through WxJava
 * with WeChat's own paths, bodies and {@code errcode}s (docs/identity.md says which), plus a control API
 * under {@code /_stub/} to do what a resident's phone would do (get a login code, a phone code,
 * accept a subscribe template), to inspect what was sent and to make trouble.
 * Runs on its own ({@link WechatStubMain}) or inside a test ({@link #start}).
 */
public final class WechatPlatform implements AutoCloseable {

    private final String appid;
    private final String secret;
    private final String pushToken;
    private final String aesKey;
    private final HttpServer server;
    private final ExecutorService workers;
    private final JsonMapper json = JsonMapper.builder().build();
    private final StubClock clock = new StubClock();
    private final AccessTokens tokens = new AccessTokens(clock);
    private final SimulatedUsers users;
    private final SubscribeGrants grants = new SubscribeGrants();
    private final Faults faults = new Faults();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger tokenRequests =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Set<String> riskyWords = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final Set<String> reviewWords = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final EventPusher pusher;

    private WechatPlatform(String appid, String secret, String pushToken, String aesKey, HttpServer server) {
        this.appid = appid;
        this.secret = secret;
        this.pushToken = pushToken;
        this.aesKey = aesKey;
        this.server = server;
        this.users = new SimulatedUsers(clock, appid);
        this.pusher = new EventPusher(json, pushToken, new SafeMode(aesKey, appid));
        this.workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * @param port   0 picks a free one
     * @param aesKey the EncodingAESKey for safe-mode pushes (43 characters); null makes one up
     */
    public static WechatPlatform start(
            int port, String appid, String secret, String pushToken, @Nullable String aesKey) {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits for
        // the client's delayed ACK (~40 ms), which made the stand-in, not the backend, the bottleneck.
        // Read once, when the first server of this JVM starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            WechatPlatform platform =
                    new WechatPlatform(appid, secret, pushToken, aesKey == null ? SafeMode.newKey() : aesKey, server);
            server.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the WeChat stand-in on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String appid() {
        return appid;
    }

    public String secret() {
        return secret;
    }

    /** The token pushes are signed with; the backend must be configured with the same. */
    public String pushToken() {
        return pushToken;
    }

    /** The EncodingAESKey safe-mode pushes are encrypted with. */
    public String aesKey() {
        return aesKey;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    // What a resident's phone does, for tests in the same JVM; the control API does the same over HTTP.

    /** {@code wx.login()}: a one-time code for this user. */
    public String loginCode(String user) {
        return users.loginCode(user);
    }

    /** The phone-number button: a one-time code that resolves to this phone. */
    public String phoneCode(String user, String phone) {
        return users.phoneCode(user, phone);
    }

    public String openid(String user) {
        return users.user(user).openid();
    }

    /** Every session_key jscode2session handed out since the last reset: what must never reach a log. */
    public List<String> sessionKeysIssued() {
        return users.sessionKeys();
    }

    /** The user taps "allow" for this template once. */
    public void acceptSubscribe(String user, String templateId) {
        grants.accept(users.user(user).openid(), templateId);
    }

    public List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    public int accessTokensIssued() {
        return tokens.issuedCount();
    }

    /** Calls to {@code /cgi-bin/token} and {@code /cgi-bin/stable_token}, answered or not. */
    public int accessTokenRequests() {
        return tokenRequests.get();
    }

    public void invalidateAccessTokens() {
        tokens.invalidateAll();
    }

    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    public void answerBusy(int times) {
        faults.set(times, 0);
    }

    public void answerSlowly(Duration delay) {
        faults.set(0, delay.toMillis());
    }

    /** msg_sec_check answers {@code suggest: risky} for text holding any of these. */
    public void riskyWords(String... words) {
        riskyWords.clear();
        riskyWords.addAll(List.of(words));
    }

    /** msg_sec_check answers {@code suggest: review} for text holding any of these (and no risky word). */
    public void reviewWords(String... words) {
        reviewWords.clear();
        reviewWords.addAll(List.of(words));
    }

    public void reset() {
        tokens.reset();
        users.reset();
        grants.reset();
        faults.reset();
        sent.clear();
        tokenRequests.set(0);
        riskyWords.clear();
        reviewWords.clear();
        clock.reset();
    }

    /**
     * The user answered a subscribe popup: the platform counts the accepts and pushes the event to the
     * backend, signed (and in safe mode encrypted) as WeChat does.
     */
    public EventPusher.Delivery pushSubscribePopup(
            String pushUrl, String user, Map<String, String> decisions, EventPusher.Format format) {
        String openid = users.user(user).openid();
        decisions.forEach((templateId, decision) -> {
            if ("accept".equals(decision)) {
                grants.accept(openid, templateId);
            }
        });
        return pusher.subscribePopup(pushUrl, openid, decisions, clock.now(), format);
    }

    /** The user switched templates off in the mini-program's settings: what they had allowed is gone. */
    public EventPusher.Delivery pushSubscribeChange(
            String pushUrl, String user, Map<String, String> decisions, EventPusher.Format format) {
        String openid = users.user(user).openid();
        decisions.forEach((templateId, decision) -> {
            if ("reject".equals(decision)) {
                grants.zero(openid, templateId);
            }
        });
        return pusher.subscribeChange(pushUrl, openid, decisions, clock.now(), format);
    }

    /** The same push once more, unchanged: as WeChat retries, or as a replay attack looks. */
    public EventPusher.Delivery redeliver(EventPusher.Delivery delivery) {
        return pusher.redeliver(delivery);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI());
            Map<String, Object> body = body(exchange);
            Object answer = path.startsWith("/_stub/") ? control(path, body) : platform(path, query, body);
            if (answer == null) {
                send(exchange, 404, Map.of("errcode", 404, "errmsg", "no such path " + path));
            } else {
                send(exchange, 200, answer);
            }
        } catch (RuntimeException e) {
            send(exchange, 200, Map.of("errcode", -1, "errmsg", "system error: " + e.getMessage()));
        }
    }

    private @Nullable Object platform(String path, Map<String, String> query, Map<String, Object> body) {
        faults.delay();
        if (faults.nextIsBusy()) {
            return error(-1, "system error");
        }
        return switch (path) {
            case "/cgi-bin/token" -> {
                tokenRequests.incrementAndGet();
                yield token(query);
            }
            case "/cgi-bin/stable_token" -> {
                tokenRequests.incrementAndGet();
                yield stableToken(body);
            }
            case "/sns/jscode2session" -> jscode2session(query);
            case "/wxa/business/getuserphonenumber" -> withToken(query, () -> phoneNumber(body));
            case "/cgi-bin/message/subscribe/send" -> withToken(query, () -> subscribeSend(body));
            case "/wxa/msg_sec_check" -> withToken(query, () -> msgSecCheck(body));
            default -> null;
        };
    }

    private Map<String, Object> token(Map<String, String> query) {
        Map<String, Object> wrong = credentials(query.get("appid"), query.get("secret"));
        if (wrong != null) {
            return wrong;
        }
        return Map.of("access_token", tokens.issueNew(), "expires_in", AccessTokens.LIFETIME.toSeconds());
    }

    private Map<String, Object> stableToken(Map<String, Object> body) {
        Map<String, Object> wrong = credentials(string(body, "appid"), string(body, "secret"));
        if (wrong != null) {
            return wrong;
        }
        boolean force = Boolean.TRUE.equals(body.get("force_refresh"));
        return Map.of("access_token", tokens.stable(force), "expires_in", AccessTokens.LIFETIME.toSeconds());
    }

    private Map<String, Object> jscode2session(Map<String, String> query) {
        Map<String, Object> wrong = credentials(query.get("appid"), query.get("secret"));
        if (wrong != null) {
            return wrong;
        }
        SimulatedUsers.Redeemed redeemed = users.redeemLogin(query.get("js_code"));
        if (redeemed.errcode() != 0) {
            return error(redeemed.errcode(), redeemed.errcode() == 40163 ? "code been used" : "invalid code");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        SimulatedUsers.User user = Objects.requireNonNull(redeemed.user(), "a redeemed code names its user");
        answer.put("openid", user.openid());
        answer.put("session_key", users.sessionKey());
        answer.put("unionid", user.unionid());
        return answer;
    }

    private Map<String, Object> phoneNumber(Map<String, Object> body) {
        SimulatedUsers.Redeemed redeemed = users.redeemPhone(string(body, "code"));
        if (redeemed.errcode() != 0) {
            return error(redeemed.errcode(), "invalid code");
        }
        String phone = redeemed.phone();
        return Map.of(
                "errcode",
                0,
                "errmsg",
                "ok",
                "phone_info",
                Map.of(
                        "phoneNumber",
                        phone,
                        "purePhoneNumber",
                        phone,
                        "countryCode",
                        "86",
                        "watermark",
                        Map.of("timestamp", clock.now().getEpochSecond(), "appid", appid)));
    }

    private Map<String, Object> subscribeSend(Map<String, Object> body) {
        String touser = string(body, "touser");
        String templateId = string(body, "template_id");
        if (touser == null || users.byOpenid(touser) == null) {
            return error(40003, "invalid openid");
        }
        if (templateId == null) {
            return error(40037, "invalid template_id");
        }
        Map<String, String> data = new LinkedHashMap<>();
        Object fields = body.get("data");
        if (fields instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> field : map.entrySet()) {
                Object value = field.getValue() instanceof Map<?, ?> v ? v.get("value") : null;
                String violation = TemplateFieldLimits.violation(
                        String.valueOf(field.getKey()), value == null ? null : value.toString());
                if (violation != null) {
                    return error(47003, "argument invalid! data." + violation);
                }
                data.put(String.valueOf(field.getKey()), String.valueOf(value)); // violation() refuses a missing value
            }
        }
        if (!grants.consume(touser, templateId)) {
            return error(43101, "user refuse to accept the msg");
        }
        sent.add(new SentMessage(
                touser, templateId, string(body, "page"), string(body, "miniprogram_state"), data, clock.now()));
        return Map.of("errcode", 0, "errmsg", "ok", "msgid", System.nanoTime());
    }

    private Map<String, Object> msgSecCheck(Map<String, Object> body) {
        if (!"2".equals(String.valueOf(body.get("version")))) {
            return error(40097, "invalid args: only version 2 is simulated");
        }
        String content = Objects.toString(body.get("content"), "");
        String risky = firstIn(riskyWords, content);
        String doubtful = risky == null ? firstIn(reviewWords, content) : null;
        String hit = risky != null ? risky : doubtful;
        String suggest = risky != null ? "risky" : doubtful != null ? "review" : "pass";
        int label = hit == null ? 100 : 20001;
        List<Map<String, Object>> detail = new ArrayList<>();
        detail.add(
                hit == null
                        ? Map.of("strategy", "content_model", "errcode", 0, "suggest", "pass", "label", 100)
                        : Map.of(
                                "strategy",
                                "keyword",
                                "errcode",
                                0,
                                "suggest",
                                suggest,
                                "label",
                                label,
                                "keyword",
                                hit));
        return Map.of(
                "errcode",
                0,
                "errmsg",
                "ok",
                "result",
                Map.of("suggest", suggest, "label", label),
                "detail",
                detail,
                "trace_id",
                Long.toHexString(System.nanoTime()));
    }

    private static @Nullable String firstIn(Set<String> words, String content) {
        synchronized (words) {
            for (String word : words) {
                if (content != null && content.contains(word)) {
                    return word;
                }
            }
        }
        return null;
    }

    private @Nullable Object control(String path, Map<String, Object> body) {
        return switch (path) {
            case "/_stub/login-code" -> {
                String user = required(body, "user");
                yield Map.of("code", loginCode(user), "openid", openid(user));
            }
            case "/_stub/phone-code" -> Map.of("code", phoneCode(required(body, "user"), required(body, "phone")));
            case "/_stub/subscribe" -> {
                acceptSubscribe(required(body, "user"), required(body, "templateId"));
                yield Map.of("left", grants.left(openid(required(body, "user")), required(body, "templateId")));
            }
            case "/_stub/sent" -> sent();
            case "/_stub/stats" ->
                Map.of(
                        "accessTokensIssued",
                        tokens.issuedCount(),
                        "accessTokenRequests",
                        tokenRequests.get(),
                        "sent",
                        sent.size());
            case "/_stub/faults" -> {
                faults.set(number(body, "busy"), number(body, "delayMillis"));
                yield Map.of("ok", true);
            }
            case "/_stub/tokens/invalidate" -> {
                invalidateAccessTokens();
                yield Map.of("ok", true);
            }
            case "/_stub/clock/advance" -> {
                advanceClock(Duration.ofSeconds(number(body, "seconds")));
                yield Map.of("now", clock.now().toString());
            }
            case "/_stub/risky-words" -> {
                Object words = body.get("words");
                riskyWords(
                        words instanceof List<?> list
                                ? list.stream().map(String::valueOf).toArray(String[]::new)
                                : new String[0]);
                yield Map.of("words", List.copyOf(riskyWords));
            }
            case "/_stub/review-words" -> {
                Object words = body.get("words");
                reviewWords(
                        words instanceof List<?> list
                                ? list.stream().map(String::valueOf).toArray(String[]::new)
                                : new String[0]);
                yield Map.of("words", List.copyOf(reviewWords));
            }
            case "/_stub/push/subscribe-popup" -> {
                @SuppressWarnings("unchecked")
                Map<String, String> decisions = (Map<String, String>) body.getOrDefault("decisions", Map.of());
                String format = string(body, "format");
                yield pushSubscribePopup(
                        required(body, "url"),
                        required(body, "user"),
                        decisions,
                        format == null
                                ? EventPusher.Format.XML
                                : EventPusher.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT)));
            }
            case "/_stub/reset" -> {
                reset();
                yield Map.of("ok", true);
            }
            default -> null;
        };
    }

    private Map<String, Object> withToken(
            Map<String, String> query, java.util.function.Supplier<Map<String, Object>> call) {
        int problem = tokens.check(query.get("access_token"));
        return switch (problem) {
            case 0 -> call.get();
            case 42001 -> error(42001, "access_token expired");
            case 41001 -> error(41001, "access_token missing");
            default -> error(40001, "invalid credential, access_token is invalid or not latest");
        };
    }

    private @Nullable Map<String, Object> credentials(@Nullable String givenAppid, @Nullable String givenSecret) {
        if (!appid.equals(givenAppid)) {
            return error(40013, "invalid appid");
        }
        if (!secret.equals(givenSecret)) {
            return error(40125, "invalid appsecret");
        }
        return null;
    }

    private static Map<String, Object> error(int errcode, String errmsg) {
        return Map.of("errcode", errcode, "errmsg", errmsg);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? Map.of() : json.readValue(bytes, Map.class);
        }
    }

    private void send(HttpExchange exchange, int status, Object answer) throws IOException {
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A field a control call cannot do without; the stub answers 500 with the message where one is missing. */
    private static String required(Map<String, Object> body, String name) {
        return Objects.requireNonNull(string(body, name), () -> "missing field " + name);
    }

    private static @Nullable String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        return value == null ? null : value.toString();
    }

    private static int number(Map<String, Object> body, String name) {
        Object value = body.get(name);
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
