package org.cityservice.stub.wechat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens as WeChat hands them out. {@code /cgi-bin/token} makes a new token and, as on the
 * real platform, invalidates every earlier one; {@code stable_token} keeps answering the current
 * token until it expires or {@code force_refresh} is asked for.
 */
final class AccessTokens {

    static final Duration LIFETIME = Duration.ofSeconds(7200);

    private final StubClock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> valid = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile @Nullable String current;

    AccessTokens(StubClock clock) {
        this.clock = clock;
    }

    synchronized String issueNew() {
        valid.clear();
        return issue();
    }

    synchronized String stable(boolean forceRefresh) {
        String token = current;
        if (!forceRefresh && token != null && isValid(token)) {
            return token;
        }
        return issueNew();
    }

    /** 0 when usable, else WeChat's code: 40001 unknown or replaced, 42001 expired. */
    int check(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return 41001;
        }
        Instant expiry = valid.get(token);
        if (expiry == null) {
            return 40001;
        }
        return clock.now().isBefore(expiry) ? 0 : 42001;
    }

    int issuedCount() {
        return issued.get();
    }

    /** As if another server had fetched a token with the same secret. */
    synchronized void invalidateAll() {
        valid.clear();
        current = null;
    }

    synchronized void reset() {
        invalidateAll();
        issued.set(0);
    }

    private boolean isValid(String token) {
        return check(token) == 0;
    }

    private String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "stub-" + HexFormat.of().formatHex(bytes);
        valid.put(token, clock.now().plus(LIFETIME));
        current = token;
        issued.incrementAndGet();
        return token;
    }
}
