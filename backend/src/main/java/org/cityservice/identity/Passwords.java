package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BCrypt for staff passwords. Hashing costs tens of milliseconds of CPU on purpose, so it runs on
 * {@code boundedElastic}, not on a Netty thread. An unknown username is checked against a dummy hash,
 * so how long a login takes does not tell whether the account exists.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 10;
    /** BCrypt reads at most 72 bytes. */
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final String dummyHash = encoder.encode("no such account");

    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** @param hash null when there is no such account */
    Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? dummyHash : hash) && hash != null)
                .subscribeOn(Schedulers.boundedElastic());
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
