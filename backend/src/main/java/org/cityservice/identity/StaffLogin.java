package org.cityservice.identity;

import java.util.List;
import java.util.Optional;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 工作人员登录 and 修改密码: every check of a staff password goes through {@link LoginThrottle} first,
 * whether or not the username exists, and every answer to a wrong guess is the same, so guessing
 * teaches nothing and a burst of parallel guesses gets no more tries than a patient one.
 */
@Component
class StaffLogin {

    record Success(Sessions.Issued session, StaffAccount account) {}

    private final StaffStore staff;
    private final Passwords passwords;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    StaffLogin(StaffStore staff, Passwords passwords, Sessions sessions, LoginThrottle throttle) {
        this.staff = staff;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    Mono<Success> login(String username, String password) {
        return throttle.take(username)
                .flatMap(slot -> staff.find(username)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(account -> unchecked(
                                        slot,
                                        passwords.matches(
                                                password,
                                                account.map(StaffAccount::passwordHash)
                                                        .orElse(null)))
                                .flatMap(right -> right && account.get().enabled()
                                        ? throttle.giveBack(slot).then(succeed(account.get()))
                                        : throttle.wrong(
                                                slot, () -> new ApiException(ProblemType.UNAUTHORIZED, "用户名或密码错误")))));
    }

    /** A check refused before it ran (too many waiting for BCrypt) guessed nothing: its slot goes back. */
    private <T> Mono<T> unchecked(LoginThrottle.Slot slot, Mono<T> check) {
        return check.onErrorResume(
                ApiException.class,
                e -> e.type() == ProblemType.SERVICE_UNAVAILABLE
                        ? throttle.giveBack(slot).then(Mono.error(e))
                        : Mono.error(e));
    }

    /**
     * Sets a new password if {@code current} is right, and ends every other session of the account:
     * whoever knew the old password and logged in with it is out; the session making the change stays.
     */
    Mono<Void> changePassword(StaffAccount account, String current, String replacement, String sessionToken) {
        return throttle.take(account.username())
                .flatMap(slot -> unchecked(slot, passwords.matches(current, account.passwordHash()))
                        .flatMap(right -> right
                                ? throttle.giveBack(slot).then(passwords.hash(replacement))
                                : throttle.wrong(
                                        slot,
                                        () -> ApiException.invalid(
                                                List.of(new FieldViolation("currentPassword", "当前密码不正确"))))))
                .flatMap(hash -> staff.setPassword(account.username(), hash))
                .then(sessions.closeAllBut(new Caller(account.role(), account.username()), sessionToken));
    }

    private Mono<Success> succeed(StaffAccount account) {
        return sessions.open(new Caller(account.role(), account.username()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("账号不存在或已注销"))) // staff are never deleted
                .map(session -> new Success(session, account));
    }
}
