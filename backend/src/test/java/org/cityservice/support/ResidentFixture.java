package org.cityservice.support;

import java.util.Map;
import java.util.function.Supplier;
import org.cityservice.stub.wechat.WechatPlatform;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Residents of the mini-program, logged in through the local WeChat platform; a phone bound there is proven. */
public final class ResidentFixture {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final Supplier<WebTestClient> web;
    private final Supplier<WechatPlatform> wechat;

    public ResidentFixture(Supplier<WebTestClient> web, Supplier<WechatPlatform> wechat) {
        this.web = web;
        this.wechat = wechat;
    }

    /** {@code user} logged in: a client sending their session. */
    public WebTestClient loggedIn(String user) {
        return web.get()
                .mutate()
                .defaultHeader("Authorization", "Bearer " + token(user))
                .build();
    }

    /** {@code user} logged in with {@code phone} bound through WeChat: SMS may go to it. */
    public WebTestClient withPhone(String user, String phone) {
        WebTestClient resident = loggedIn(user);
        bindPhone(resident, user, phone);
        return resident;
    }

    /** Binds {@code phone} to the logged-in {@code user} through WeChat, as the mini-program's phone button does. */
    public void bindPhone(WebTestClient resident, String user, String phone) {
        resident.post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", wechat.get().phoneCode(user, phone)))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** {@code user}'s session token. */
    public String token(String user) {
        return web.get()
                .post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", wechat.get().loginCode(user)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("token")
                .toString();
    }
}
