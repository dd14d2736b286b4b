package org.cityservice.wechat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.cityservice.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The lock WxJava takes around an access-token refresh, held in Redis so one instance refreshes for
 * all. WxJava's own Redis lock polls once a second, so a burst of 40001 answers queued callers for
 * seconds, past our call timeout; this one polls every 20 ms. The lease bounds how long a crashed
 * holder can block the others. Owned per thread, as {@link Lock} requires: WxJava locks and unlocks
 * on the same (WeChat call) thread, where waiting for Redis is allowed.
 */
final class AccessTokenLock implements Lock {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    private static final RedisScript<Long> RELEASE = LuaScripts.load("redis/release-lock", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String key;
    private final String instance = UUID.randomUUID().toString();

    AccessTokenLock(ReactiveStringRedisTemplate redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    @Override
    public boolean tryLock() {
        String owner = owner();
        Boolean taken = redis.opsForValue().setIfAbsent(key, owner, LEASE).block(WechatRedisOps.WAIT);
        return Boolean.TRUE.equals(taken)
                || owner.equals(redis.opsForValue().get(key).block(WechatRedisOps.WAIT));
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(time);
        while (!tryLock()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        while (!tryLock()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void lock() {
        boolean interrupted = false;
        while (!tryLock()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void unlock() {
        redis.execute(RELEASE, List.of(key), List.of(owner())).blockLast(WechatRedisOps.WAIT);
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("no conditions on a Redis lock");
    }

    private String owner() {
        return instance + ":" + Thread.currentThread().getId();
    }
}
