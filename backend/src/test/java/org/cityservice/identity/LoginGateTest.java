package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Logins are limited per client address before any BCrypt, the address is taken from X-Forwarded-For only behind our own proxies, and BCrypt's CPU is capped. */
class LoginGateTest extends IntegrationTest {

    @Autowired
    private IdentityKeys keys;

    @Test
    void aClientAddressGetsItsLoginsPerMinuteAndThen429UntilTheMinuteEnds() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0, 30)); // all four logins in one minute
        LoginGate gate = gate(3, List.of("10.0.0.0/8"));
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(gate.admit(from("198.51.100.9", null), LoginGate.Kind.STAFF))
                    .verifyComplete();
        }
        StepVerifier.create(gate.admit(from("198.51.100.9", null), LoginGate.Kind.STAFF))
                .expectErrorSatisfies(error -> {
                    ApiException refused = (ApiException) error;
                    assertThat(refused.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
                    assertThat(((Number) refused.extensions().get("retryAfter")).longValue())
                            .isBetween(1L, 60L);
                    assertThat(refused.getMessage()).contains("登录尝试过于频繁");
                })
                .verify();
        StepVerifier.create(gate.admit(from("198.51.100.10", null), LoginGate.Kind.STAFF))
                .verifyComplete(); // another client
        StepVerifier.create(gate.admit(from("198.51.100.9", null), LoginGate.Kind.RESIDENT))
                .verifyComplete(); // counted apart
    }

    @Test
    void aForwardedForHeaderCountsOnlyWhenOurProxySentIt() {
        ClientAddress behindProxy = new ClientAddress(new ClientAddress.Settings(List.of("10.0.0.0/8")));
        assertThat(behindProxy.of(from("10.0.0.2", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindProxy.of(from("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.3")))
                .isEqualTo("203.0.113.7"); // a spoofed left part is skipped
        assertThat(behindProxy.of(from("198.51.100.9", "203.0.113.7")))
                .isEqualTo("198.51.100.9"); // not our proxy: header ignored
        assertThat(behindProxy.of(from("10.0.0.2", "example.com"))).isEqualTo("10.0.0.2"); // not an address
        assertThat(behindProxy.of(from("10.0.0.2", "cafe"))).isEqualTo("10.0.0.2"); // nor a host name to look up
        assertThat(behindProxy.of(from("10.0.0.2", "2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(new ClientAddress(new ClientAddress.Settings(List.of())).of(from("10.0.0.2", "203.0.113.7")))
                .isEqualTo("10.0.0.2");
        assertThat(behindProxy.of(from("10.0.0.2", "999.1.1.1")))
                .isEqualTo("10.0.0.2"); // not an address, and never looked up
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ClientAddress(new ClientAddress.Settings(List.of("10.0.0.0/33"))))
                .hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(ClientAddress.bucket("2001:db8:1:2::1"))
                .isEqualTo(ClientAddress.bucket("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isNotEqualTo(ClientAddress.bucket("2001:db8:1:3::1"));
        assertThat(ClientAddress.bucket("198.51.100.9")).isEqualTo("198.51.100.9");
    }

    @Test
    void bothLoginsCountTheClientBehindTheProxy() {
        clock.set(LocalDateTime.of(
                2026, 11, 23, 10, 0, 30)); // not at a minute's end: both logins count in the minute read below
        web.post()
                .uri("/api/v1/admin/auth/login")
                .header("X-Forwarded-For", "203.0.113.7")
                .bodyValue(Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
        web.post()
                .uri("/api/v1/auth/wechat-login")
                .header("X-Forwarded-For", "203.0.113.8")
                .bodyValue(Map.of("code", wechat.loginCode("alice")))
                .exchange()
                .expectStatus()
                .isOk();
        long minute = clock.instant().getEpochSecond() / 60;
        assertThat(redis.opsForValue()
                        .get(keys.loginRate("staff", "203.0.113.7", minute))
                        .block())
                .isEqualTo("1");
        assertThat(redis.opsForValue()
                        .get(keys.loginRate("resident", "203.0.113.8", minute))
                        .block())
                .isEqualTo("1");
    }

    @Test
    void passwordChecksBeyondWhatTheCpuIsGivenAreRefusedNotQueued() {
        Passwords passwords = new Passwords(properties(5, 1, 2));
        List<Object> outcomes = Flux.range(0, 12)
                .flatMap(i -> passwords
                        .matches("wrong-password-" + i, null)
                        .<Object>map(ok -> ok)
                        .onErrorResume(ApiException.class, e -> Mono.just(e.type())))
                .collectList()
                .block(Duration.ofSeconds(30));
        passwords.destroy();
        assertThat(outcomes).contains(false, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(outcomes.stream()
                        .filter(ProblemType.SERVICE_UNAVAILABLE::equals)
                        .count())
                .isGreaterThanOrEqualTo(9);
    }

    private LoginGate gate(int perMinute, List<String> proxies) {
        return new LoginGate(
                redis,
                keys,
                new ClientAddress(new ClientAddress.Settings(proxies)),
                properties(perMinute, 1, 16),
                clock);
    }

    private static IdentityProperties properties(int perMinute, int threads, int queue) {
        return new IdentityProperties(
                Duration.ofDays(7),
                Duration.ofHours(12),
                new IdentityProperties.Login(5, Duration.ofMinutes(15), perMinute, perMinute, threads, queue),
                new IdentityProperties.BootstrapAdmin("admin", null),
                new IdentityProperties.SessionCache(Duration.ZERO, Duration.ofMillis(250), 1));
    }

    private static MockServerHttpRequest from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/v1/admin/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }
}
