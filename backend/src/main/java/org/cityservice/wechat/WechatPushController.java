package org.cityservice.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMsgEvent;
import cn.binarywang.wx.miniapp.util.crypt.WxMaCryptUtils;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The URL configured as the mini-program's message push URL. Nothing is read before the signature
 * is checked: {@code signature} in plain mode, {@code msg_signature} over the ciphertext in safe
 * mode (before decrypting). With an EncodingAESKey configured only safe-mode pushes are taken: the
 * plain signature does not cover the body. A push older than {@link #FRESHNESS} is refused, and each
 * timestamp and nonce serve one body only: the same body again (WeChat's retry) is acknowledged
 * without being processed again, another body under them (a captured signature with an edited body)
 * is refused, on any instance (Redis). A body with a DOCTYPE is refused before it is parsed (no
 * entities, no XXE), and one that is neither XML nor JSON is a 400.
 */
@RestController
@RequestMapping("/api/v1/wechat/push")
@Tag(name = "微信推送", description = "Message push from the WeChat platform (signed by WeChat, no bearer token)")
class WechatPushController {

    private static final Logger log = LoggerFactory.getLogger(WechatPushController.class);
    static final Duration FRESHNESS = Duration.ofMinutes(5);
    private static final Duration SEEN_FOR = FRESHNESS.multipliedBy(3);

    private final WxMaService wx;
    private final WechatConnection connection;
    private final WechatEvents events;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock;

    WechatPushController(
            WxMaService wx,
            WechatConnection connection,
            WechatEvents events,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            Clock clock) {
        this.wx = wx;
        this.connection = connection;
        this.events = events;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "URL verification: answers echostr when the signature is WeChat's")
    String verify(
            @RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String nonce,
            @RequestParam(required = false) String echostr) {
        if (echostr == null || !PushSignature.matches(signature, token(), timestamp, nonce)) {
            throw badSignature();
        }
        return echostr;
    }

    @PostMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "An event, as XML or JSON, plain or encrypted (encrypt_type=aes); answers \"success\"")
    Mono<String> receive(
            @RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String nonce,
            @RequestParam(name = "encrypt_type", required = false) String encryptType,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestBody(required = false) String body) {
        if (!PushSignature.matches(signature, token(), timestamp, nonce) || body == null || !fresh(timestamp)) {
            return Mono.error(badSignature());
        }
        boolean safeMode = "aes".equals(encryptType);
        if (!safeMode && safeModeOnly()) {
            return Mono.error(new ApiException(ProblemType.UNAUTHORIZED, "只接受安全模式(加密)的推送"));
        }
        return Mono.fromCallable(() -> parse(body, safeMode, timestamp, nonce, msgSignature))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(message -> onlyBody(timestamp, nonce, body).then(once(message, handle(message))))
                .thenReturn("success");
    }

    private WxMaMessage parse(String body, boolean safeMode, String timestamp, String nonce, String msgSignature) {
        boolean xml = body.stripLeading().startsWith("<");
        WxMaMessage message = read(body, xml);
        if (!safeMode) {
            return message;
        }
        String encrypted = message.getEncrypt();
        if (encrypted == null || !PushSignature.matches(msgSignature, token(), timestamp, nonce, encrypted)) {
            throw badSignature();
        }
        String plain;
        try {
            plain = new WxMaCryptUtils(wx.getWxMaConfig()).decrypt(encrypted);
        } catch (RuntimeException e) {
            throw malformed();
        }
        return read(plain, xml);
    }

    /** WeChat's XML has no DOCTYPE; one here is an attack on the parser (entities), refused before parsing. */
    private static WxMaMessage read(String text, boolean xml) {
        if (xml && text.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
            throw new ApiException(ProblemType.BAD_REQUEST, "推送内容不得包含 DOCTYPE");
        }
        try {
            WxMaMessage message = xml ? WxMaMessage.fromXml(text) : WxMaMessage.fromJson(text);
            if (message == null) {
                throw malformed();
            }
            return message;
        } catch (RuntimeException e) {
            if (e instanceof ApiException) {
                throw e;
            }
            throw malformed();
        }
    }

    /**
     * Binds a verified push's timestamp and nonce to its body for the freshness window: the same body
     * again passes (WeChat retries; {@link #once} keeps it from being processed twice), another body
     * under the same signature is refused — the plain-mode signature does not cover the body.
     */
    private Mono<Void> onlyBody(String timestamp, String nonce, String body) {
        // keyed by the signature itself: other timestamp/nonce splits of the same signed string ("0" moved from
        // the nonce's end to the timestamp's start) are the same capture
        String key = keys.key("wechat", "push-nonce", sha256(signatureOf(timestamp, nonce)));
        String digest = sha256(body);
        return redis.opsForValue()
                .setIfAbsent(key, digest, SEEN_FOR)
                .flatMap(first -> first
                        ? Mono.<Void>empty()
                        : redis.opsForValue()
                                .get(key)
                                .flatMap(seen -> seen.equals(digest)
                                        ? Mono.<Void>empty()
                                        : Mono.error(new ApiException(ProblemType.UNAUTHORIZED, "推送已被使用过(重放)"))));
    }

    private boolean safeModeOnly() {
        return connection.safeModeOnly();
    }

    private Mono<Void> handle(WxMaMessage message) {
        String event = message.getEvent() == null ? "" : message.getEvent();
        return switch (event) {
            case "subscribe_msg_popup_event" ->
                message.getSubscribeMsgPopupEvent() == null
                        ? Mono.empty()
                        : events.subscribeDecisions(
                                message.getFromUser(), popupDecisions(message.getSubscribeMsgPopupEvent()), true);
            case "subscribe_msg_change_event" ->
                message.getSubscribeMsgChangeEvent() == null
                        ? Mono.empty()
                        : events.subscribeDecisions(
                                message.getFromUser(), changeDecisions(message.getSubscribeMsgChangeEvent()), false);
            default -> {
                log.debug("WeChat push of type {} / {} ignored", message.getMsgType(), event);
                yield Mono.empty();
            }
        };
    }

    /** Marks the push as seen, then handles it; if handling fails the mark is removed so WeChat's retry is handled. */
    private Mono<Void> once(WxMaMessage message, Mono<Void> handling) {
        String key = keys.key("wechat", "push-seen", fingerprint(message));
        return redis.opsForValue().setIfAbsent(key, "1", SEEN_FOR).flatMap(first -> {
            if (!first) {
                log.info("WeChat push {} seen before; acknowledged, not processed again", message.getEvent());
                return Mono.empty();
            }
            return handling.onErrorResume(error -> redis.delete(key).then(Mono.error(error)));
        });
    }

    private String signatureOf(String timestamp, String nonce) {
        return PushSignature.of(token(), timestamp, nonce);
    }

    private boolean fresh(String timestamp) {
        if (timestamp == null || !timestamp.matches("\\d{10}")) {
            return false; // WeChat's are Unix seconds: ten digits, no leading zeros to play with
        }
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
            return Math.abs(age) <= FRESHNESS.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String token() {
        return wx.getWxMaConfig().getToken();
    }

    private static Map<String, String> popupDecisions(WxMaSubscribeMsgEvent.SubscribeMsgPopupEvent event) {
        Map<String, String> decisions = new LinkedHashMap<>();
        event.getList().forEach(item -> decisions.put(item.getTemplateId(), item.getSubscribeStatusString()));
        return decisions;
    }

    private static Map<String, String> changeDecisions(WxMaSubscribeMsgEvent.SubscribeMsgChangeEvent event) {
        Map<String, String> decisions = new LinkedHashMap<>();
        event.getList().forEach(item -> decisions.put(item.getTemplateId(), item.getSubscribeStatusString()));
        return decisions;
    }

    /** WeChat's advice: a push is the same push when sender, time and event match. Hashed: no openid in a key. */
    private static String fingerprint(WxMaMessage message) {
        return sha256(message.getFromUser() + "|" + message.getCreateTime() + "|" + message.getEvent() + "|"
                + message.getMsgId());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException malformed() {
        return new ApiException(ProblemType.BAD_REQUEST, "推送内容不是有效的 XML 或 JSON");
    }

    private static ApiException badSignature() {
        return new ApiException(ProblemType.UNAUTHORIZED, "推送签名无效");
    }
}
