package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.Range;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@ExtendWith(OutputCaptureExtension.class)
class ResidentLoginTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private AccountDeletion accountDeletion;

    @Autowired
    private SessionCache sessionCache;

    @Test
    void theFirstLoginCreatesAResidentAndLaterLoginsFindIt() {
        Map<String, Object> first = login(wechat.loginCode("alice"));
        Map<String, Object> again = login(wechat.loginCode("alice"));
        Map<String, Object> bob = login(wechat.loginCode("bob"));

        assertThat(resident(again).get("id")).isEqualTo(resident(first).get("id"));
        assertThat(resident(bob).get("id")).isNotEqualTo(resident(first).get("id"));
        assertThat(first.get("token")).isNotEqualTo(again.get("token"));
        assertThat(OffsetDateTime.parse((String) first.get("expiresAt")))
                .isBetween(
                        OffsetDateTime.now().plusDays(7).minusMinutes(1),
                        OffsetDateTime.now().plusDays(7).plusMinutes(1));
        assertThat(resident(first)).containsEntry("phoneBound", false);

        web.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + first.get("token"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(resident(first).get("id"));
    }

    @Test
    void aNewResidentLivesInItsOpenidsShardAndItsTokenNamesItSoAForgedShardFindsNothing() {
        Map<String, Object> alice = login(wechat.loginCode("alice"));
        String id = (String) resident(alice).get("id");
        String token = (String) alice.get("token");
        String shard = IdentityKeys.shardOfOpenid(wechat.openid("alice"));

        assertThat(id).matches("r-" + shard + "[0-9a-f]{17}");
        assertThat(token).startsWith("r." + shard + ".");
        assertThat(redis.hasKey("cs:{identity:" + shard + "}:resident:" + id).block())
                .isTrue();
        assertThat(redis.hasKey("cs:{identity:" + shard + "}:openid:" + wechat.openid("alice"))
                        .block())
                .isTrue();

        String otherShard = shard.equals("000") ? "001" : "000";
        String forged = "r." + otherShard + token.substring(5);
        web.get()
                .uri("/api/v1/me")
                .header("Authorization", "Bearer " + forged)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void theLoginAnswerNamesNoWechatIdentifier() {
        String body = web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", wechat.loginCode("alice")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .doesNotContain(wechat.openid("alice"))
                .doesNotContain("openid")
                .doesNotContain("session_key");
    }

    @Test
    void racingFirstLoginsOfOneOpenidMakeOneResident() {
        List<String> codes =
                IntStream.range(0, 8).mapToObj(i -> wechat.loginCode("carol")).toList();
        Map<String, Boolean> ids = new ConcurrentHashMap<>();
        Flux.fromIterable(codes)
                .parallel(8)
                .runOn(Schedulers.boundedElastic())
                .doOnNext(code -> ids.put((String) resident(login(code)).get("id"), true))
                .sequential()
                .blockLast(Duration.ofSeconds(30));
        assertThat(ids).hasSize(1);
    }

    @Test
    void aReusedOrExpiredCodeIsRefused() {
        String code = wechat.loginCode("alice");
        login(code);
        refusedLogin(code, HttpStatus.BAD_REQUEST, "wechat-code-invalid");

        String late = wechat.loginCode("alice");
        wechat.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        refusedLogin(late, HttpStatus.BAD_REQUEST, "wechat-code-invalid");
    }

    @Test
    void aBusyOrSlowPlatformIs503AndNeverA500() {
        wechat.answerBusy(10);
        refusedLogin(wechat.loginCode("alice"), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");

        wechat.answerBusy(0);
        wechat.answerSlowly(Duration.ofSeconds(3));
        refusedLogin(wechat.loginCode("alice"), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
    }

    @Test
    void aMissingCodeIsAValidationProblem() {
        web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("code");
    }

    @Test
    void logoutEndsTheSession() {
        String token = (String) login(wechat.loginCode("alice")).get("token");
        asResident(token)
                .post()
                .uri("/api/v1/auth/logout")
                .exchange()
                .expectStatus()
                .isNoContent();
        asResident(token)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized");
    }

    @Test
    void anUnknownTokenIs401AndAResidentTokenNeverOpensAdminPaths() {
        asResident("not-a-token")
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        String token = (String) login(wechat.loginCode("alice")).get("token");
        asResident(token)
                .get()
                .uri("/api/v1/admin/stations")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        asResident(token)
                .get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isForbidden();
        asAdmin().get().uri("/api/v1/me").exchange().expectStatus().isForbidden();
    }

    @Test
    void aSessionLivesSevenDaysFromItsLastUse() {
        String token = (String) login(wechat.loginCode("alice")).get("token");
        String key = redis.keys("cs:{identity:???}:session:*").blockFirst();
        redis.expire(key, Duration.ofSeconds(60)).block();

        asResident(token).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(redis.getExpire(key).block())
                .isGreaterThan(Duration.ofDays(7).minusMinutes(1));

        // as if the seven days had passed: the key lapsed, and the session left this backend's cache long before
        // (an entry lives 30 s)
        redis.delete(key).block();
        sessionCache.drop(List.of(key.substring(key.lastIndexOf(':') + 1)));
        asResident(token)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("登录已失效,请重新登录");
    }

    @Test
    void aBoundPhoneIsShownMaskedAndCanBeUnbound() {
        String token = (String) login(wechat.loginCode("alice")).get("token");
        asResident(token)
                .post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", wechat.phoneCode("alice", "13812345678")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("138****5678")
                .jsonPath("$.phoneBound")
                .isEqualTo(true);
        String me = asResident(token)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(me).contains("138****5678").doesNotContain("13812345678");

        asResident(token)
                .delete()
                .uri("/api/v1/me/phone")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phoneBound")
                .isEqualTo(false)
                .jsonPath("$.phone")
                .doesNotExist();
    }

    @Test
    void deletingTheAccountErasesItsDataAndEndsEverySession() {
        Map<String, Object> alice = login(wechat.loginCode("alice"));
        String aliceId = (String) resident(alice).get("id");
        String token = (String) alice.get("token");
        String other = (String) login(wechat.loginCode("alice")).get("token");
        asResident(token)
                .post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", wechat.phoneCode("alice", "13812345678")))
                .exchange()
                .expectStatus()
                .isOk();

        asResident(token).delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();

        asResident(token).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        asResident(other).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        String residentId = (String) resident(login(wechat.loginCode("bob"))).get("id"); // someone else's data stays
        for (String key : redis.keys("*").collectList().block()) {
            assertThat(key).doesNotContain(wechat.openid("alice")).doesNotContain(aliceId);
        }
        assertThat(redis.keys("*" + residentId + "*").collectList().block()).isNotEmpty();
    }

    @Test
    void aDeletionStoppedBetweenItsStepsIsFinishedOnceItIsAMinuteOld() {
        Map<String, Object> alice = login(wechat.loginCode("alice"));
        String aliceId = (String) resident(alice).get("id");
        String trackingNo = reportBy(asResident((String) alice.get("token")))
                .withContactPhone("13812345678")
                .file();
        String bobId = (String) resident(login(wechat.loginCode("bob"))).get("id");
        String openidLink = "cs:{identity:" + IdentityKeys.shardOfOpenid(wechat.openid("alice")) + "}:openid:"
                + wechat.openid("alice");
        // as if a backend had stopped right after unlinking alice's openid two minutes ago, and bob's deletion had
        // begun just now (it may still be under way)
        redis.opsForZSet()
                .add("cs:{identity}:erasing", aliceId + " " + wechat.openid("alice"), clock.millis() - 120_000)
                .block();
        redis.opsForZSet()
                .add("cs:{identity}:erasing", bobId + " " + wechat.openid("bob"), clock.millis())
                .block();
        redis.delete(openidLink).block();

        assertThat(accountDeletion.finishStopped(Duration.ofMinutes(1)).block()).isOne();

        // done whole: the features' personal data too (her case stays, without her phone)
        assertThat(redis.<String, String>opsForHash()
                        .get(caseKey(trackingNo, "cases"), trackingNo)
                        .block())
                .isNotNull()
                .doesNotContain("13812345678");
        asResident((String) alice.get("token"))
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // but for her report's count in this hour's limit, which holds nothing of her and lapses within the hour
        for (String key : redis.keys("*").collectList().block()) {
            if (!key.matches("cs:\\{complaint-limits:[0-9a-f]{2}}:submissions:.*")) {
                assertThat(key).doesNotContain(aliceId);
            }
        }
        assertThat(redis.opsForZSet()
                        .range("cs:{identity}:erasing", Range.unbounded())
                        .collectList()
                        .block())
                .containsExactly(bobId + " " + wechat.openid("bob"));
    }

    @Test
    void codesOpenidsTokensAndPhonesNeverReachTheLog(CapturedOutput log) {
        String code = wechat.loginCode("alice");
        String token = (String) login(code).get("token");
        String phoneCode = wechat.phoneCode("alice", "13812345678");
        asResident(token)
                .post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", phoneCode))
                .exchange()
                .expectStatus()
                .isOk();
        refusedLogin(code, HttpStatus.BAD_REQUEST, "wechat-code-invalid");
        wechat.answerBusy(10);
        refusedLogin(wechat.loginCode("alice"), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");

        assertThat(log.getAll())
                .contains("WeChat jscode2session answered errcode 40163")
                .doesNotContain(code)
                .doesNotContain(phoneCode)
                .doesNotContain(token)
                .doesNotContain(wechat.openid("alice"))
                .doesNotContain("13812345678")
                .doesNotContain(wechat.secret());
        assertThat(wechat.sessionKeysIssued())
                .isNotEmpty()
                .allSatisfy(sessionKey -> assertThat(log.getAll()).doesNotContain(sessionKey));
    }

    @Test
    void anAccessTokenReplacedElsewhereIsRefreshedOnceForManyParallelCalls() {
        String token = (String) login(wechat.loginCode("alice")).get("token");
        asResident(token)
                .post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", wechat.phoneCode("alice", "13800000001")))
                .exchange()
                .expectStatus()
                .isOk();
        int issued = wechat.accessTokensIssued();
        wechat.invalidateAccessTokens();

        List<String> codes = IntStream.range(0, 6)
                .mapToObj(i -> wechat.phoneCode("alice", "1380000000" + i))
                .toList();
        Flux.fromIterable(codes)
                .parallel(6)
                .runOn(Schedulers.boundedElastic())
                .doOnNext(code -> asResident(token)
                        .post()
                        .uri("/api/v1/me/phone")
                        .bodyValue(Map.of("code", code))
                        .exchange()
                        .expectStatus()
                        .isOk())
                .sequential()
                .blockLast(Duration.ofSeconds(30));

        // every caller met 40001 and all went through on one new token: none knocked out another's.
        // (A caller racing the refresh may ask stable_token again; it answers the same token.)
        assertThat(wechat.accessTokensIssued()).isEqualTo(issued + 1);
    }

    private Map<String, Object> login(String code) {
        return web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", code))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private void refusedLogin(String code, HttpStatus status, String problemCode) {
        web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", code))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(problemCode)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resident(Map<String, Object> login) {
        return (Map<String, Object>) login.get("resident");
    }

    private org.springframework.test.web.reactive.server.WebTestClient asResident(String token) {
        return web.mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }
}
