package org.cityservice.hotline;

import java.time.Clock;
import java.time.Duration;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Lets in a platform's request only when it is signed by a platform we know, fresh (its timestamp within
 * {@code app.hotline.freshness} of our clock) and not seen before (its nonce used once; kept twice the freshness and a
 * minute for clocks that drift, so a nonce is remembered for as long as its timestamp could pass). The signature is
 * checked before the nonce is taken: a forger cannot use up a platform's nonces. Our own callbacks' nonces are
 * remembered too, so a callback captured and sent back to us is a replay.
 */
@Component
class HotlineGate {

    private final HotlinePlatforms platforms;
    private final HotlineProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock;

    HotlineGate(
            HotlinePlatforms platforms,
            HotlineProperties properties,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            Clock clock) {
        this.platforms = platforms;
        this.properties = properties;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    Mono<HotlineProperties.Platform> admit(
            String platformId, String timestamp, String nonce, String signature, byte[] body) {
        HotlineProperties.Platform platform = platforms.find(platformId);
        if (nonce == null || !HotlineSignature.NONCE_FORMAT.matcher(nonce).matches()) {
            return Mono.error(new ApiException(
                    ProblemType.SIGNATURE_INVALID, HotlineSignature.NONCE + " 应为 16–64 位字母、数字、- 或 _,且每次请求不同"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            return Mono.error(
                    new ApiException(ProblemType.SIGNATURE_INVALID, HotlineSignature.TIMESTAMP + " 应为 Unix 时间戳(秒)"));
        }
        // an unknown platform gets the same answer as a wrong signature: which ids exist is nobody's business
        if (platform == null || !HotlineSignature.matches(platform.secret(), timestamp, nonce, body, signature)) {
            return Mono.error(new ApiException(
                    ProblemType.SIGNATURE_INVALID,
                    "签名无效:请检查平台标识(" + HotlineSignature.PLATFORM
                            + "),并以平台密钥对“时间戳\\n随机串\\n请求体原文”计算 HMAC-SHA256(小写十六进制)"));
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > properties.freshness().toSeconds()) {
            return Mono.error(new ApiException(
                    ProblemType.REQUEST_STALE,
                    "请求时间与本系统相差 " + skew + " 秒,超过 " + properties.freshness().toSeconds() + " 秒:请校准时钟后用新的时间戳和随机串重新发送"));
        }
        return remember(platform.id(), nonce)
                .flatMap(fresh -> fresh
                        ? Mono.just(platform)
                        : Mono.error(new ApiException(
                                ProblemType.REQUEST_REPLAYED, "随机串 " + nonce + " 已用过:重发工单请使用新的时间戳和随机串")));
    }

    /** Takes {@code nonce} of {@code platform}: false when it was taken before. */
    Mono<Boolean> remember(String platform, String nonce) {
        return redis.opsForValue()
                .setIfAbsent(
                        nonceKey(platform, nonce),
                        "1",
                        properties.freshness().multipliedBy(2).plus(Duration.ofMinutes(1)));
    }

    /** Gives a nonce back: the request it came with filed nothing (it failed on our side or on its content), so the very same request may come again. */
    Mono<Void> forget(String platform, String nonce) {
        return redis.delete(nonceKey(platform, nonce)).then();
    }

    private String nonceKey(String platform, String nonce) {
        return keys.key("hotline", "nonce", platform, nonce);
    }
}
