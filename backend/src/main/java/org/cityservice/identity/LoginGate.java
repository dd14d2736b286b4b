package org.cityservice.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cityservice.redis.LuaScripts;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Logins from one client address are counted per minute, on every instance together (Redis), before
 * any password is hashed or WeChat is asked: {@code app.identity.login.per-address-per-minute} staff
 * logins and {@code .resident-per-address-per-minute} resident logins; more are 429 with
 * {@code Retry-After} until the minute ends. BCrypt's CPU is capped apart ({@link Passwords}).
 */
@Component
class LoginGate {

    enum Kind {
        STAFF,
        RESIDENT
    }

    /** The count and its expiry in one step: a counter left without one would count for ever. */
    private static final RedisScript<Long> COUNT = LuaScripts.load("redis/count-with-expiry", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final IdentityKeys keys;
    private final ClientAddress addresses;
    private final IdentityProperties.Login settings;
    private final Clock clock;

    LoginGate(
            ReactiveStringRedisTemplate redis,
            IdentityKeys keys,
            ClientAddress addresses,
            IdentityProperties properties,
            Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.addresses = addresses;
        this.settings = properties.login();
        this.clock = clock;
    }

    Mono<Void> admit(ServerHttpRequest request, Kind kind) {
        String address = ClientAddress.bucket(addresses.of(request));
        long second = clock.instant().getEpochSecond();
        long minute = second / 60;
        int limit = kind == Kind.STAFF ? settings.perAddressPerMinute() : settings.residentPerAddressPerMinute();
        String counter = keys.loginRate(kind.name().toLowerCase(Locale.ROOT), address, minute);
        return redis.execute(
                        COUNT,
                        List.of(counter),
                        List.of(Long.toString(Duration.ofMinutes(2).toSeconds())))
                .single()
                .flatMap(n -> {
                    if (n <= limit) {
                        return Mono.<Void>empty();
                    }
                    long wait = 60 - second % 60;
                    return Mono.error(new ApiException(
                            ProblemType.TOO_MANY_REQUESTS,
                            "登录尝试过于频繁,请 " + wait + " 秒后再试",
                            List.of(),
                            Map.of(ProblemWriter.RETRY_AFTER, wait)));
                });
    }
}
