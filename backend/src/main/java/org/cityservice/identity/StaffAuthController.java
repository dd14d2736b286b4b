package org.cityservice.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "管理:登录", description = "Staff login, own account and password (logout: POST /api/v1/auth/logout)")
class StaffAuthController {

    private final StaffLogin login;
    private final StaffStore staff;
    private final LoginGate gate;

    StaffAuthController(StaffLogin login, StaffStore staff, LoginGate gate) {
        this.login = login;
        this.staff = staff;
        this.gate = gate;
    }

    @PostMapping("/auth/login")
    @Operation(
            summary = "Username and password → a staff session token; locked after repeated wrong passwords, "
                    + "limited per client address (429)")
    Mono<StaffLoginResponse> login(@Valid @RequestBody StaffLoginRequest request, ServerHttpRequest http) {
        return gate.admit(http, LoginGate.Kind.STAFF)
                .then(Mono.defer(() -> login.login(request.username(), request.password())))
                .map(success -> new StaffLoginResponse(
                        success.session().token(),
                        success.session()
                                .expiresAt()
                                .atZone(TimeConfiguration.SHANGHAI)
                                .toOffsetDateTime(),
                        StaffView.of(success.account())));
    }

    @GetMapping("/me")
    @Operation(summary = "My staff account")
    Mono<StaffView> me(@AuthenticationPrincipal Caller caller) {
        return account(caller).map(StaffView::of);
    }

    @PostMapping("/me/password")
    @ApiResponse(responseCode = "204", description = "已修改")
    @Operation(
            summary =
                    "Change my password; the current one is required (guesses limited as for a login); my other sessions end")
    Mono<ResponseEntity<Void>> changePassword(
            Authentication authentication, @Valid @RequestBody PasswordChangeRequest request) {
        Passwords.requireAcceptable("newPassword", request.newPassword());
        Caller caller = Caller.of(authentication);
        return account(caller)
                .flatMap(account -> login.changePassword(
                        account,
                        request.currentPassword(),
                        request.newPassword(),
                        String.valueOf(authentication.getCredentials())))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<StaffAccount> account(Caller caller) {
        return staff.find(caller.subject()).switchIfEmpty(Mono.error(() -> ApiException.notFound("账号不存在")));
    }
}
