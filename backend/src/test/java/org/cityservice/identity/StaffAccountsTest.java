package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

class StaffAccountsTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String ATTEMPTS = "cs:{identity}:login-attempts:zhang.wei";

    @Test
    void theBootstrapAdminLogsInWithAStaffToken() {
        Map<String, Object> login = login("admin", ADMIN_PASSWORD);
        assertThat((String) login.get("token")).startsWith("s.");
        as((String) login.get("token"))
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo("admin")
                .jsonPath("$.role")
                .isEqualTo("ADMIN")
                .jsonPath("$.passwordHash")
                .doesNotExist();
    }

    @Test
    void anAdminCreatesStaffWhoSeeOnlyWhatTheirRoleAllows() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        createStaff("li.na", "DISPATCHER", "中站区", null);
        String station = (String) login("zhang.wei", "station-password-1").get("token");

        as(station)
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("STATION_STAFF")
                .jsonPath("$.stationId")
                .isEqualTo("st-1")
                .jsonPath("$.roleLabel")
                .isEqualTo("服务站工作人员");
        as(station).get().uri("/api/v1/admin/staff").exchange().expectStatus().isForbidden();
        as(station).get().uri("/api/v1/me").exchange().expectStatus().isForbidden();
        asAdmin()
                .get()
                .uri("/api/v1/admin/staff?page=1&size=10")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.items[2].district")
                .isEqualTo("中站区");
    }

    @Test
    void aStaffAccountNeedsAConsistentRoleAndAGoodPassword() {
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(Map.of("username", "wang", "displayName", "王", "role", "DISPATCHER", "password", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("district");
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(Map.of(
                        "username",
                        "wang",
                        "displayName",
                        "王",
                        "role",
                        "DISPATCHER",
                        "district",
                        "焦作新区",
                        "password",
                        "long-enough-password"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("district")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).startsWith("未登记的区县「焦作新区」"));
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(Map.of("username", "wang", "displayName", "王", "role", "ADMIN", "password", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(Map.of(
                        "username",
                        "Wang Wei",
                        "displayName",
                        "王",
                        "role",
                        "ADMIN",
                        "password",
                        "long-enough-password"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("username");
        createStaff("wang", "ADMIN", null, null);
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(Map.of(
                        "username", "wang", "displayName", "王", "role", "ADMIN", "password", "long-enough-password"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("already-exists");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        for (int i = 0; i < 4; i++) {
            refusedLogin("zhang.wei", "wrong-password-" + i)
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("用户名或密码错误");
        }
        refusedLogin("zhang.wei", "wrong-password-4")
                .expectStatus()
                .isEqualTo(423)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("account-locked")
                .jsonPath("$.retryAfter")
                .isNumber();
        refusedLogin("zhang.wei", "station-password-1").expectStatus().isEqualTo(423);

        redis.delete(ATTEMPTS).block(); // as if fifteen minutes had passed
        login("zhang.wei", "station-password-1");
    }

    @Test
    void parallelGuessesGetFiveTriesAtMostAndTheRightPasswordSentLastIsLocked() throws Exception {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        int guesses = 60;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Integer>> wrong = IntStream.range(0, guesses)
                    .mapToObj(i -> pool.submit(() -> loginStatus("zhang.wei", "wrong-password-" + i)))
                    .toList();
            // the wrong guesses are under way (their BCrypts share two cores for a second or more): the
            // right password comes after five of them got through the door, while they are still checked
            awaitAttempts(5, Duration.ofSeconds(30));
            int right = loginStatus("zhang.wei", "station-password-1");

            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : wrong) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(right).isEqualTo(423);
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(4);
            assertThat(statuses).filteredOn(status -> status == 423).hasSize(guesses - 4);
            assertThat(redis.<String, String>opsForHash().get(ATTEMPTS, "used").block())
                    .isEqualTo("5");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRightPasswordDoesNotGiveBackTheWrongGuessesOfTheWindow() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        for (int i = 0; i < 4; i++) {
            refusedLogin("zhang.wei", "wrong-password-" + i).expectStatus().isUnauthorized();
        }
        login("zhang.wei", "station-password-1");
        login("zhang.wei", "station-password-1"); // a right password uses no guess of the window

        refusedLogin("zhang.wei", "wrong-password-4").expectStatus().isEqualTo(423);
        refusedLogin("zhang.wei", "station-password-1").expectStatus().isEqualTo(423);
    }

    @Test
    void theCurrentPasswordOfAPasswordChangeIsGuessedNoMoreOftenThanALogin() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        String token = (String) login("zhang.wei", "station-password-1").get("token");
        for (int i = 0; i < 4; i++) {
            changePassword(token, "wrong-password-" + i)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("currentPassword");
        }
        changePassword(token, "wrong-password-4")
                .expectStatus()
                .isEqualTo(423)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("account-locked");
        changePassword(token, "station-password-1").expectStatus().isEqualTo(423);
        refusedLogin("zhang.wei", "station-password-1").expectStatus().isEqualTo(423);
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotThisOne() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        String here = (String) login("zhang.wei", "station-password-1").get("token");
        String elsewhere = (String) login("zhang.wei", "station-password-1").get("token");

        changePassword(here, "station-password-1").expectStatus().isNoContent();

        as(elsewhere).get().uri("/api/v1/admin/me").exchange().expectStatus().isUnauthorized();
        as(here).get().uri("/api/v1/admin/me").exchange().expectStatus().isOk();
        assertThat(redis.opsForSet()
                        .members("cs:{identity}:sessions:staff:zhang.wei")
                        .collectList()
                        .block())
                .hasSize(1);
    }

    @Test
    void anUnknownUsernameAnswersLikeAWrongPassword() {
        refusedLogin("nobody", "whatever-password")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("用户名或密码错误");
    }

    @Test
    void aDisabledAccountLosesItsSessionsAndCannotLogIn() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        String token = (String) login("zhang.wei", "station-password-1").get("token");

        asAdmin()
                .delete()
                .uri("/api/v1/admin/staff/zhang.wei")
                .exchange()
                .expectStatus()
                .isNoContent();

        as(token).get().uri("/api/v1/admin/me").exchange().expectStatus().isUnauthorized();
        refusedLogin("zhang.wei", "station-password-1").expectStatus().isUnauthorized();
        asAdmin()
                .delete()
                .uri("/api/v1/admin/staff/admin")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void staffChangeTheirOwnPassword() {
        createStaff("zhang.wei", "STATION_STAFF", null, "st-1");
        String token = (String) login("zhang.wei", "station-password-1").get("token");
        as(token)
                .post()
                .uri("/api/v1/admin/me/password")
                .bodyValue(Map.of("currentPassword", "not-my-password", "newPassword", "a-new-password-2"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("currentPassword");
        as(token)
                .post()
                .uri("/api/v1/admin/me/password")
                .bodyValue(Map.of("currentPassword", "station-password-1", "newPassword", "a-new-password-2"))
                .exchange()
                .expectStatus()
                .isNoContent();
        refusedLogin("zhang.wei", "station-password-1").expectStatus().isUnauthorized();
        login("zhang.wei", "a-new-password-2");
    }

    @Test
    void aResidentTokenIsNotAStaffTokenEvenWithTheStaffPrefix() {
        Map<String, Object> resident = web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", wechat.loginCode("alice")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String token = (String) resident.get("token");
        assertThat(token).startsWith("r.");
        as("s." + token.substring(2))
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        as(token).get().uri("/api/v1/admin/me").exchange().expectStatus().isForbidden();
    }

    private void createStaff(String username, String role, String district, String stationId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "username",
                username,
                "displayName",
                "测试" + username,
                "role",
                role,
                "password",
                "ADMIN".equals(role) ? "long-enough-password" : "station-password-1"));
        if (district != null) {
            body.put("district", district);
        }
        if (stationId != null) {
            body.put("stationId", stationId);
        }
        asAdmin()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private WebTestClient.ResponseSpec changePassword(String token, String current) {
        return as(token)
                .post()
                .uri("/api/v1/admin/me/password")
                .bodyValue(Map.of("currentPassword", current, "newPassword", "a-new-password-2"))
                .exchange();
    }

    private int loginStatus(String username, String password) {
        return refusedLogin(username, password)
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    /** Waits until {@code slots} guesses are counted, or {@code atMost} has passed. */
    private void awaitAttempts(int slots, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            String used =
                    redis.<String, String>opsForHash().get(ATTEMPTS, "used").block();
            if (used != null && Integer.parseInt(used) >= slots) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(slots + " login attempts not counted within " + atMost);
    }

    private Map<String, Object> login(String username, String password) {
        return web.post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec refusedLogin(String username, String password) {
        return web.post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }
}
