package org.cityservice.wechat;

import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;
import org.springframework.data.redis.core.StringRedisTemplate;

/** WxJava's Redis access, with a lock that does not keep callers waiting for a second at a time. */
final class WechatRedisOps extends RedisTemplateWxRedisOps {

    private final StringRedisTemplate redis;

    WechatRedisOps(StringRedisTemplate redis) {
        super(redis);
        this.redis = redis;
    }

    @Override
    public Lock getLock(String key) {
        return new AccessTokenLock(redis, key);
    }
}
