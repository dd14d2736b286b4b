package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * BCrypt for staff passwords. Hashing costs tens of milliseconds of CPU on purpose, so it runs on a
 * scheduler of its own, never on a Netty thread, with {@code app.identity.login.password-threads}
 * threads and at most {@code .password-queue} checks waiting: a flood of logins (each a BCrypt, even
 * for unknown usernames) takes that much CPU and no more, and what does not fit is refused at once
 * (503 with {@code Retry-After}) instead of slowing every other request. An unknown username is
 * checked against a dummy hash, so how long a login takes does not tell whether the account exists.
 */
@Component
class Passwords implements DisposableBean {

    static final int MIN_LENGTH = 10;
    /** BCrypt reads at most 72 bytes. */
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final String dummyHash = encoder.encode("no such account");
    private final Scheduler bcrypt;

    Passwords(IdentityProperties properties) {
        this.bcrypt = Schedulers.newBoundedElastic(
                properties.login().passwordThreads(), properties.login().passwordQueue(), "bcrypt");
    }

    Mono<String> hash(String password) {
        return limited(Mono.fromCallable(() -> encoder.encode(password)));
    }

    /** @param hash null when there is no such account */
    Mono<Boolean> matches(String password, @Nullable String hash) {
        return limited(
                Mono.fromCallable(() -> encoder.matches(password, hash == null ? dummyHash : hash) && hash != null));
    }

    private <T> Mono<T> limited(Mono<T> work) {
        return work.subscribeOn(bcrypt)
                .onErrorMap(
                        RejectedExecutionException.class,
                        e -> new ApiException(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "登录的人太多,请稍后再试",
                                List.of(),
                                Map.of(ProblemWriter.RETRY_AFTER, 2L)));
    }

    @Override
    public void destroy() {
        bcrypt.dispose();
    }

    /** Refuses a password too short or too long for BCrypt, naming the field. */
    static void requireAcceptable(String field, String password) {
        List<FieldViolation> violations = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            violations.add(new FieldViolation(field, "密码至少 " + MIN_LENGTH + " 个字符"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            violations.add(new FieldViolation(field, "密码不能超过 " + MAX_BYTES + " 个字节"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
    }
}
