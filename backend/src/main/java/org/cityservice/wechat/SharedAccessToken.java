package org.cityservice.wechat;

import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import me.chanjar.weixin.common.redis.WxRedisOps;
import org.jspecify.annotations.Nullable;

/**
 * WxJava's configuration with the access token every instance shares in Redis, and a copy of it in this
 * instance. Without the copy each WeChat call read the token's TTL and then the token from Redis, two blocking
 * round trips before every content check or message. The copy is re-read after {@code recheck}: a token another
 * instance refreshed reaches this one within that time, and WeChat honours a replaced stable token for a while
 * after (WxJava also stores it 200 s short of its real lifetime), so a recheck of a minute never sends a dead token
 * for long. A 40001 answer makes WxJava expire the token, which drops the copy too.
 */
final class SharedAccessToken extends WxMaRedisBetterConfigImpl {

    private record Copy(String token, Instant until) {}

    private final Clock clock;
    private final Duration recheck;
    private volatile @Nullable Copy copy;

    SharedAccessToken(WxRedisOps redisOps, String keyPrefix, Clock clock, Duration recheck) {
        super(redisOps, keyPrefix);
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public @Nullable String getAccessToken() {
        Copy current = current();
        return current == null ? null : current.token();
    }

    @Override
    public boolean isAccessTokenExpired() {
        return current() == null;
    }

    @Override
    public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
        super.updateAccessToken(accessToken, expiresInSeconds);
        copy = new Copy(accessToken, clock.instant().plus(recheck));
    }

    @Override
    public synchronized void expireAccessToken() {
        super.expireAccessToken();
        copy = null;
    }

    /** The copy while it is recent; else what Redis holds now (null: no token there, or about to lapse). */
    private @Nullable Copy current() {
        Copy held = copy;
        if (held != null && clock.instant().isBefore(held.until())) {
            return held;
        }
        return reread();
    }

    /** Under the lock an update or expiry takes, so a read racing an expiry cannot bring the dead token back. */
    private synchronized @Nullable Copy reread() {
        Instant now = clock.instant();
        Copy held = copy;
        if (held != null && now.isBefore(held.until())) {
            return held;
        }
        String token = super.isAccessTokenExpired() ? null : super.getAccessToken();
        Copy read = token == null ? null : new Copy(token, now.plus(recheck));
        copy = read;
        return read;
    }
}
