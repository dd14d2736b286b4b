package org.cityservice.wechat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.redis.WxRedisOps;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * WxJava's Redis access (the shared access token and its lock), with a lock that does not keep callers waiting for a
 * second at a time.
 *
 * <p>Over the reactive connection, waited for on WxJava's own (WeChat call) threads, rather than through a blocking
 * {@code StringRedisTemplate}: that one's shared connection is opened on first use while the connection factory holds
 * the lock the reactive connection is handed out under, and waits for Lettuce's event loop to connect it; a reactive
 * command completing on that event loop and asking for its connection then waits for the same lock, and every request
 * hung (seen on a Redis Cluster, WxJava's first read of the token against reports being filed).
 */
final class WechatRedisOps implements WxRedisOps {

    /** Longer than a Redis command may take ({@code spring.data.redis.timeout}), so that one times out first. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;

    WechatRedisOps(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public @Nullable String getValue(String key) {
        return redis.opsForValue().get(key).block(WAIT);
    }

    @Override
    public void setValue(String key, String value, int expire, TimeUnit unit) {
        (expire > 0
                        ? redis.opsForValue().set(key, value, Duration.of(expire, unit.toChronoUnit()))
                        : redis.opsForValue().set(key, value))
                .block(WAIT);
    }

    /** Seconds to live: -2 when the key is gone, 0 when it never expires (both "expired" to WxJava, which wants 2+). */
    @Override
    public @Nullable Long getExpire(String key) {
        return redis.getExpire(key)
                .map(Duration::getSeconds)
                .defaultIfEmpty(-2L)
                .block(WAIT);
    }

    @Override
    public void expire(String key, int expire, TimeUnit unit) {
        redis.expire(key, Duration.of(expire, unit.toChronoUnit())).block(WAIT);
    }

    @Override
    public Lock getLock(String key) {
        return new AccessTokenLock(redis, key);
    }
}
