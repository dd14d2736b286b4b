package org.cityservice.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * 工作人员登录: username and password → a staff session. After {@code app.identity.login.max-failures}
 * wrong passwords in a row the account is locked for {@code lockout}, whether or not the username
 * exists, and every answer to a wrong guess is the same, so guessing teaches nothing.
 */
@Component
class StaffLogin {

    record Success(Sessions.Issued session, StaffAccount account) {
    }

    private final StaffStore staff;
    private final Passwords passwords;
    private final Sessions sessions;
    private final IdentityProperties.Login policy;

    StaffLogin(StaffStore staff, Passwords passwords, Sessions sessions, IdentityProperties properties) {
        this.staff = staff;
        this.passwords = passwords;
        this.sessions = sessions;
        this.policy = properties.login();
    }

    Mono<Success> login(String username, String password) {
        return staff.failures(username).flatMap(failures -> failures >= policy.maxFailures()
                ? locked(username)
                : staff.find(username).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(account -> passwords.matches(password, account.map(StaffAccount::passwordHash).orElse(null))
                                .flatMap(right -> right && account.get().enabled()
                                        ? succeed(account.get())
                                        : fail(username))));
    }

    private Mono<Success> succeed(StaffAccount account) {
        return staff.clearFailures(account.username())
                .then(sessions.open(new Caller(account.role(), account.username())))
                .map(session -> new Success(session, account));
    }

    private Mono<Success> fail(String username) {
        return staff.countFailure(username, policy.lockout()).flatMap(failures -> failures >= policy.maxFailures()
                ? locked(username)
                : Mono.error(new ApiException(ProblemType.UNAUTHORIZED, "用户名或密码错误")));
    }

    private Mono<Success> locked(String username) {
        return staff.failuresLeftFor(username).flatMap(left -> {
            long seconds = Math.max(1, left.isNegative() ? policy.lockout().toSeconds() : left.toSeconds());
            return Mono.error(new ApiException(ProblemType.ACCOUNT_LOCKED,
                    "密码错误次数过多,账号已锁定,请 " + minutes(seconds) + " 分钟后再试", List.of(),
                    Map.of(ProblemWriter.RETRY_AFTER, seconds)));
        });
    }

    private static long minutes(long seconds) {
        return Duration.ofSeconds(seconds).plusSeconds(59).toMinutes();
    }
}
