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
 * {@code app.hotline.freshness} of our clock) and not seen before (its nonce used once; kept twice the freshness, so a
 * nonce is remembered for as long as its timestamp could pass). The signature is checked before the nonce is taken: a
 * forger cannot use up a platform's nonces.
 */
@Component
class HotlineGate {

    private final HotlinePlatforms platforms;
    private final HotlineProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock;

    HotlineGate(HotlinePlatforms platforms, HotlineProperties properties, ReactiveStringRedisTemplate redis, RedisKeys keys, Clock clock) {
        this.platforms = platforms;
        this.properties = properties;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    Mono<HotlineProperties.Platform> admit(String platformId, String timestamp, String nonce, String signature, String body) {
        HotlineProperties.Platform platform = platforms.find(platformId);
        if (platform == null) {
            return Mono.error(new ApiException(ProblemType.SIGNATURE_INVALID, "未知的平台:请在 " + HotlineSignature.PLATFORM + " 中填写约定的平台标识"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            return Mono.error(new ApiException(ProblemType.SIGNATURE_INVALID, HotlineSignature.TIMESTAMP + " 应为 Unix 时间戳(秒)"));
        }
        if (nonce == null || !HotlineSignature.NONCE_FORMAT.matcher(nonce).matches()) {
            return Mono.error(new ApiException(ProblemType.SIGNATURE_INVALID,
                    HotlineSignature.NONCE + " 应为 16–64 位字母、数字、- 或 _,且每次请求不同"));
        }
        if (!HotlineSignature.matches(platform.secret(), seconds, nonce, body, signature)) {
            return Mono.error(new ApiException(ProblemType.SIGNATURE_INVALID, "签名不符:应为以平台密钥对“时间戳\\n随机串\\n请求体”计算的 HMAC-SHA256(小写十六进制)"));
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > properties.freshness().toSeconds()) {
            return Mono.error(new ApiException(ProblemType.REQUEST_STALE, "请求时间与本系统相差 " + skew + " 秒,超过 "
                    + properties.freshness().toSeconds() + " 秒:请校准时钟后用新的时间戳和随机串重新发送"));
        }
        Duration remembered = properties.freshness().multipliedBy(2);
        return redis.opsForValue().setIfAbsent(keys.key("hotline", "nonce", platform.id(), nonce), Long.toString(seconds), remembered)
                .flatMap(fresh -> fresh ? Mono.just(platform)
                        : Mono.error(new ApiException(ProblemType.REQUEST_REPLAYED, "随机串 " + nonce + " 已用过:重发工单请使用新的随机串")));
    }
}
