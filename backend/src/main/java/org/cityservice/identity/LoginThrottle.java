package org.cityservice.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.cityservice.redis.LuaScripts;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 密码尝试限制: at most {@code app.identity.login.max-failures} password guesses per staff account in
 * a window of {@code lockout}, counted from the first guess, however many arrive at once. A guess
 * takes its slot atomically (Lua) <em>before</em> BCrypt runs, so a burst of parallel guesses cannot
 * all read "not locked yet"; once the window is full every guess is refused unchecked until it ends.
 * A right password gives back its own slot only: it neither resets the window nor frees the slots of
 * guesses still under way, so an attacker racing the real user gains nothing from the user's login.
 * Logins and the current-password check of a password change share one window per account.
 */
@Component
class LoginThrottle {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE = LuaScripts.load("identity/take-login-slot", List.class);

    private static final RedisScript<String> GIVE_BACK = LuaScripts.load("identity/give-back-login-slot", String.class);

    /** One guess taken: which of the window it is, and how long the window still runs. */
    record Slot(String username, String window, long number, Duration windowLeft) {}

    private final ReactiveStringRedisTemplate redis;
    private final IdentityKeys keys;
    private final IdentityProperties.Login policy;

    LoginThrottle(ReactiveStringRedisTemplate redis, IdentityKeys keys, IdentityProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.policy = properties.login();
    }

    /** A slot for one guess, or {@code 423 account-locked} when the window is full. */
    @SuppressWarnings("unchecked")
    Mono<Slot> take(String username) {
        return redis.execute(
                        TAKE,
                        List.of(key(username)),
                        List.of(
                                Integer.toString(policy.maxFailures()),
                                Long.toString(policy.lockout().toMillis()),
                                UUID.randomUUID().toString()))
                .next()
                .map(reply -> (List<String>) reply)
                .flatMap(reply -> {
                    Duration left = Duration.ofMillis(Long.parseLong(reply.get(2)));
                    return "1".equals(reply.get(0))
                            ? Mono.just(new Slot(username, reply.get(3), Long.parseLong(reply.get(1)), left))
                            : Mono.error(locked(left));
                });
    }

    /** The password was right: this guess does not count. */
    Mono<Void> giveBack(Slot slot) {
        return redis.execute(GIVE_BACK, List.of(key(slot.username())), List.of(slot.window()))
                .then();
    }

    /** The password was wrong: the slot stays used; the guess that filled the window learns that it is locked now. */
    <T> Mono<T> wrong(Slot slot, Supplier<ApiException> refusal) {
        return Mono.error(slot.number() >= policy.maxFailures() ? locked(slot.windowLeft()) : refusal.get());
    }

    private ApiException locked(Duration left) {
        long seconds = Math.max(
                1, left.isNegative() || left.isZero() ? policy.lockout().toSeconds() : (left.toMillis() + 999) / 1000);
        return new ApiException(
                ProblemType.ACCOUNT_LOCKED,
                "密码错误次数过多,账号已锁定,请 " + minutes(seconds) + " 分钟后再试",
                List.of(),
                Map.of(ProblemWriter.RETRY_AFTER, seconds));
    }

    private static long minutes(long seconds) {
        return Duration.ofSeconds(seconds).plusSeconds(59).toMinutes();
    }

    private String key(String username) {
        return keys.global("login-attempts", username);
    }
}
