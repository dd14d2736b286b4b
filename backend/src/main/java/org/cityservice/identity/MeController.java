package org.cityservice.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.cityservice.redis.AofRewrite;
import org.cityservice.shared.ApiException;
import org.cityservice.wechat.WechatGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "我的", description = "A resident's own profile and phone (resident session token)")
class MeController {

    private final ResidentStore residents;
    private final WechatGateway wechat;
    private final AccountDeletion deletion;
    private final AofRewrite aofRewrite;

    MeController(ResidentStore residents, WechatGateway wechat, AccountDeletion deletion, AofRewrite aofRewrite) {
        this.residents = residents;
        this.wechat = wechat;
        this.deletion = deletion;
        this.aofRewrite = aofRewrite;
    }

    @GetMapping
    @Operation(summary = "My profile, phone masked")
    Mono<ResidentView> me(@AuthenticationPrincipal Caller caller) {
        return resident(caller).map(ResidentView::of);
    }

    @PostMapping("/phone")
    @Operation(summary = "Bind the phone number WeChat gives for the phone-number button's code")
    Mono<ResidentView> bindPhone(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody WechatCodeRequest request) {
        return resident(caller)
                .flatMap(resident -> wechat.phoneNumber(request.code()))
                .flatMap(phone -> residents.bindPhone(caller.subject(), phone))
                .then(resident(caller))
                .map(ResidentView::of);
    }

    @DeleteMapping("/phone")
    @Operation(summary = "Unbind my phone number")
    Mono<ResidentView> unbindPhone(@AuthenticationPrincipal Caller caller) {
        return resident(caller)
                .flatMap(resident -> residents.unbindPhone(resident.id()))
                .then(aofRewrite.afterErasure()) // the number is still in the append-only file until it is rewritten
                .then(resident(caller))
                .map(ResidentView::of);
    }

    @DeleteMapping
    @ApiResponse(responseCode = "204", description = "已删除")
    @Operation(
            summary =
                    "Delete my account and personal data; every session ends; my cases stay for the statistics, anonymised")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal Caller caller) {
        return resident(caller)
                .flatMap(deletion::delete)
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<Resident> resident(Caller caller) {
        return residents.find(caller.subject()).switchIfEmpty(Mono.error(() -> ApiException.notFound("账号不存在或已注销")));
    }
}
