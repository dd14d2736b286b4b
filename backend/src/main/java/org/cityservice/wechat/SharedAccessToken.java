package org.cityservice.wechat;

import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.chanjar.weixin.common.redis.WxRedisOps;
import org.jspecify.annotations.Nullable;

/**
 * WxJava's configuration with the access token every instance shares in Redis, and a copy of it in this
 * instance. Without the copy each WeChat call read the token's TTL and then the token from Redis, two blocking
 * round trips before every content check or message. The copy is re-read after {@code recheck}: a token another
 * instance refreshed reaches this one within that time, and WeChat honours a replaced stable token for a while
 * after (WxJava also stores it 200 s short of its real lifetime), so a recheck of a minute never sends a dead token
 * for long. A 40001 answer makes WxJava expire the token, which drops the copy too. The copy's age is measured on
 * the monotonic {@code nanos}, not on the application's clock (which tests pin to other days).
 */
final class SharedAccessToken extends WxMaRedisBetterConfigImpl {

    private record Copy(String token, long untilNanos) {}

    private final LongSupplier nanos;
    private final long recheckNanos;
    private volatile @Nullable Copy copy;

    SharedAccessToken(WxRedisOps redisOps, String keyPrefix, LongSupplier nanos, Duration recheck) {
        super(redisOps, keyPrefix);
        this.nanos = nanos;
        this.recheckNanos = recheck.toNanos();
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
        // never past what Redis keeps it for (WxJava stores it 200 s short of its lifetime)
        long kept = Math.min(
                recheckNanos,
                Duration.ofSeconds(Math.max(0, expiresInSeconds - 200)).toNanos());
        copy = new Copy(accessToken, nanos.getAsLong() + kept);
    }

    /**
     * WxJava calls this when WeChat refused the token it sent, after checking that it is still the current one — which
     * here is this instance's copy. If another instance already stored a new token in Redis, that one is left alone:
     * only the copy goes, and the next call reads the new token.
     */
    @Override
    public synchronized void expireAccessToken() {
        Copy held = copy;
        copy = null;
        String stored = super.getAccessToken();
        if (held == null || stored == null || stored.equals(held.token())) {
            super.expireAccessToken();
        }
    }

    /** The copy while it is recent; else what Redis holds now (null: no token there, or about to lapse). */
    private @Nullable Copy current() {
        Copy held = copy;
        if (held != null && nanos.getAsLong() - held.untilNanos() < 0) {
            return held;
        }
        return reread();
    }

    /** Under the lock an update or expiry takes, so a read racing an expiry cannot bring the dead token back. */
    private synchronized @Nullable Copy reread() {
        long now = nanos.getAsLong();
        Copy held = copy;
        if (held != null && now - held.untilNanos() < 0) {
            return held;
        }
        String token = super.isAccessTokenExpired() ? null : super.getAccessToken();
        Copy read = token == null ? null : new Copy(token, now + recheckNanos);
        copy = read;
        return read;
    }
}
