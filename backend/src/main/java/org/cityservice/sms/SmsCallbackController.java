package org.cityservice.sms;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The callback URLs configured in Tencent Cloud's SMS console: residents' replies and delivery
 * reports, in Tencent's JSON, each answered {@code {"result":0,"errmsg":"OK"}}. Tencent signs
 * nothing here, so the URL carries a shared secret ({@code ?secret=}, or the
 * {@code X-Callback-Secret} header), compared in constant time; anyone else gets 401. Tencent
 * retries a callback it thinks failed: each reply and each report is handed on once, on any
 * instance (remembered in Redis for {@link #SEEN_FOR}); if handing it on fails, it is forgotten again
 * and the answer is a 503, so the retry brings it back.
 */
@RestController
@RequestMapping("/api/v1/sms")
@Tag(
        name = "短信回调",
        description = "Replies and delivery reports pushed by Tencent Cloud SMS (shared secret, no bearer token)")
class SmsCallbackController {

    static final Duration SEEN_FOR = Duration.ofDays(3);
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** 9999-12-31T23:59:59Z: later than any real reply, and still a date every formatter prints. */
    private static final long LATEST_REPLY_TIME = 253_402_300_799L;
    /** A reply is one SMS, concatenated at most: far shorter than this. */
    static final int MAX_TEXT = 2_000;

    static final int MAX_MOBILE = 32;
    /** Tencent pushes reports in batches far smaller than this. */
    static final int MAX_REPORTS = 1_000;

    private static final Map<String, Object> OK = Map.of("result", 0, "errmsg", "OK");

    private final List<SmsInbox> inboxes;
    private final SmsProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    SmsCallbackController(
            List<SmsInbox> inboxes,
            SmsProperties properties,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            JsonMapper json) {
        this.inboxes = inboxes;
        this.properties = properties;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @PostMapping(path = "/replies", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A resident's reply: {mobile, nationcode, text, time, sign, extend}")
    Mono<Map<String, Object>> reply(
            @RequestParam(required = false) String secret,
            @RequestHeader(name = "X-Callback-Secret", required = false) String header,
            @RequestBody String body) {
        requireSecret(secret, header);
        JsonNode reply = parse(body);
        if (!reply.isObject()) {
            throw new ApiException(ProblemType.BAD_REQUEST, "回复内容应为一个 JSON 对象");
        }
        SmsInbox.Reply parsed = new SmsInbox.Reply(
                limited(reply, "mobile", MAX_MOBILE), limited(reply, "text", MAX_TEXT), replyTime(reply.path("time")));
        // Tencent's reply has no message id: its number, time and text are what make it this reply
        String identity = parsed.phone() + "|" + reply.path("time").asString("") + "|" + parsed.text();
        return once("reply", identity, inbox -> inbox.reply(parsed)).thenReturn(OK);
    }

    @PostMapping(path = "/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delivery reports: [{sid, mobile, report_status, errmsg, user_receive_time, …}]")
    Mono<Map<String, Object>> reports(
            @RequestParam(required = false) String secret,
            @RequestHeader(name = "X-Callback-Secret", required = false) String header,
            @RequestBody String body) {
        requireSecret(secret, header);
        JsonNode reports = parse(body);
        if (!reports.isArray()) {
            throw new ApiException(ProblemType.BAD_REQUEST, "状态报告应为一个 JSON 数组");
        }
        if (reports.size() > MAX_REPORTS) {
            // each report costs a Redis round trip: 1 MiB of tiny ones kept one request busy for minutes
            throw ApiException.invalid(List.of(new FieldViolation("body", "一次最多 " + MAX_REPORTS + " 条状态报告")));
        }
        return Flux.fromIterable(reports.values())
                .concatMap(report -> {
                    SmsInbox.Report parsed = new SmsInbox.Report(
                            report.path("sid").asString(""),
                            report.path("mobile").asString(""),
                            "SUCCESS".equals(report.path("report_status").asString("")),
                            report.path("errmsg").asString(""),
                            receivedAt(report.path("user_receive_time").asString("")));
                    String identity = parsed.serialNo() + "|" + parsed.phone() + "|"
                            + report.path("report_status").asString("") + "|"
                            + report.path("user_receive_time").asString("");
                    return once("report", identity, inbox -> inbox.report(parsed));
                })
                .then(Mono.just(OK));
    }

    /**
     * Hands one item to the inboxes unless this instance or another already did. An item is known by
     * what the provider says identifies it ({@code identity}), not by its whole JSON: a retry that
     * carries one more field is the same item.
     */
    private Mono<Void> once(String kind, String identity, Function<SmsInbox, Mono<Void>> handOn) {
        String seen = keys.key("sms", "seen", kind, sha256(identity));
        return redis.opsForValue()
                .setIfAbsent(seen, "1", SEEN_FOR)
                .flatMap(first -> !first
                        ? Mono.<Void>empty()
                        : Flux.fromIterable(inboxes)
                                .concatMap(handOn)
                                .then()
                                .onErrorResume(error -> redis.delete(seen)
                                        .then(Mono.error(
                                                new ApiException(ProblemType.SERVICE_UNAVAILABLE, "暂时无法处理,请稍后重试")))));
    }

    private void requireSecret(String query, String header) {
        String given = header != null ? header : query;
        String expected = properties.callbackSecret();
        if (expected == null
                || expected.isBlank()
                || given == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ProblemType.UNAUTHORIZED, "回调凭证无效");
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "回调内容不是有效的 JSON");
        }
    }

    /** A text field of the reply; longer than any real one, it is refused rather than stored. */
    private static String limited(JsonNode reply, String field, int max) {
        String value = reply.path(field).asString("");
        if (value.length() > max) {
            throw ApiException.invalid(List.of(new FieldViolation(field, "最多 " + max + " 个字符")));
        }
        return value;
    }

    /**
     * Tencent's {@code time}: Unix seconds. Absent, the epoch as before (the reply is matched by
     * number, not by time); present, a whole number of seconds no later than year 9999, or the
     * callback is refused rather than turned into an {@link Instant} that cannot exist.
     */
    private static Instant replyTime(JsonNode time) {
        if (time.isMissingNode() || time.isNull()) {
            return Instant.EPOCH;
        }
        long seconds;
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            seconds = time.longValue();
        } else if (time.isString() && time.asString().matches("\\d{1,12}")) {
            seconds = Long.parseLong(time.asString());
        } else {
            seconds = -1;
        }
        if (seconds < 0 || seconds > LATEST_REPLY_TIME) {
            throw ApiException.invalid(
                    List.of(new FieldViolation("time", "应为回复时间的 UNIX 时间戳(秒),介于 0 和 " + LATEST_REPLY_TIME + " 之间")));
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static @Nullable Instant receivedAt(String text) {
        try {
            return LocalDateTime.parse(text, REPORT_TIME)
                    .atZone(TimeConfiguration.SHANGHAI)
                    .toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
