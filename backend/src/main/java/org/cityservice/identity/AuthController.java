package org.cityservice.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.wechat.WechatGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "登录", description = "Resident login through WeChat, and logout")
class AuthController {

    private final WechatGateway wechat;
    private final ResidentStore residents;
    private final Sessions sessions;
    private final LoginGate gate;

    AuthController(WechatGateway wechat, ResidentStore residents, Sessions sessions, LoginGate gate) {
        this.wechat = wechat;
        this.residents = residents;
        this.sessions = sessions;
        this.gate = gate;
    }

    @PostMapping("/wechat-login")
    @Operation(summary = "Exchange wx.login()'s code for our session token; the first login creates the resident")
    Mono<LoginResponse> login(@Valid @RequestBody WechatCodeRequest request, ServerHttpRequest http) {
        return gate.admit(http, LoginGate.Kind.RESIDENT)
                .then(Mono.defer(() -> wechat.login(request.code())))
                // a resident deleted between finding and the session (her own deletion racing this login): the
                // openid was unlinked first, so a second try makes a new resident
                .flatMap(identity -> loginAs(identity).switchIfEmpty(Mono.defer(() -> loginAs(identity))))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("账号不存在或已注销")));
    }

    private Mono<LoginResponse> loginAs(WechatGateway.WechatIdentity identity) {
        return residents
                .findOrCreate(identity)
                .flatMap(residents::find)
                .flatMap(resident -> sessions.open(new Caller(Caller.Kind.RESIDENT, resident.id()))
                        .map(issued -> new LoginResponse(
                                issued.token(),
                                issued.expiresAt()
                                        .atZone(TimeConfiguration.SHANGHAI)
                                        .toOffsetDateTime(),
                                ResidentView.of(resident))));
    }

    @PostMapping("/logout")
    @ApiResponse(responseCode = "204", description = "已退出")
    @Operation(summary = "Revoke the session token of this request")
    Mono<ResponseEntity<Void>> logout(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return sessions.close(String.valueOf(authentication.getCredentials()), caller)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
