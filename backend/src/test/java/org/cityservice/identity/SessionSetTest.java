package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The set of an owner's sessions (to end them all when an account is disabled or deleted) holds
 * only sessions that still exist, and lapses with the longest of them instead of staying forever.
 */
class SessionSetTest extends IntegrationTest {

    private static final String SET = "cs:{identity}:sessions:staff:zhang.wei";

    @Test
    void theSetLapsesWithItsLongestSession() {
        staff.stationStaffToken("st-1", "zhang.wei");

        // the session's lifetime plus the margin in which its use does not extend the set (a tenth)
        assertThat(ttl(SET))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(13 * 60 + 12))
                .isGreaterThan(Duration.ofMinutes(13 * 60 + 11));
        String resident = residentToken("alice");
        String residentSet = "cs:{" + IdentityKeys.tag(IdentityKeys.shardOfResident(asResidentId(resident)))
                + "}:sessions:resident:" + asResidentId(resident);
        assertThat(ttl(residentSet))
                .isLessThanOrEqualTo(Duration.ofHours(7 * 24 + 17))
                .isGreaterThan(Duration.ofHours(7 * 24 + 16));
    }

    @Test
    void usingASessionKeepsTheSetAliveAsLongAsTheSession() {
        String token = staff.stationStaffToken("st-1", "zhang.wei");
        // as if the session had been opened, and the set last extended for it, long ago
        String session = "cs:{identity}:session:" + members().iterator().next();
        redis.opsForValue()
                .set(session, "STATION_STAFF zhang.wei|0", Duration.ofMinutes(1))
                .block();
        redis.expire(SET, Duration.ofMinutes(1)).block();

        as(token).get().uri("/api/v1/admin/me").exchange().expectStatus().isOk(); // slides the session to 12 hours

        assertThat(ttl(SET)).isGreaterThan(Duration.ofHours(11));
        assertThat(ttl(session)).isGreaterThan(Duration.ofHours(11));
    }

    /** The set is extended once per margin, not on every request: a use soon after the last costs one Redis round trip. */
    @Test
    void aSessionUsedAgainSoonDoesNotExtendTheSetAgain() {
        String token = staff.stationStaffToken("st-1", "zhang.wei");
        redis.expire(SET, Duration.ofHours(13)).block();

        as(token).get().uri("/api/v1/admin/me").exchange().expectStatus().isOk();

        assertThat(ttl(SET)).isLessThanOrEqualTo(Duration.ofHours(13));
    }

    @Test
    void lapsedSessionsLeaveTheSetAtTheNextLogin() {
        String first = staff.stationStaffToken("st-1", "zhang.wei");
        String second = login();
        String third = login();
        Set<String> before = members();
        assertThat(before).hasSize(3);
        before.stream()
                .limit(2)
                .forEach(hash -> redis.delete("cs:{identity}:session:" + hash).block()); // lapsed

        String fourth = login();

        assertThat(members())
                .hasSize(2)
                .doesNotContainAnyElementsOf(before.stream().limit(2).toList());
        long live = java.util.stream.Stream.of(first, second, third, fourth)
                .filter(token -> as(token)
                        .get()
                        .uri("/api/v1/admin/me")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful())
                .count();
        assertThat(live).isEqualTo(2);
    }

    private String login() {
        return web.post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(java.util.Map.of("username", "zhang.wei", "password", STAFF_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("token")
                .toString();
    }

    private String asResidentId(String token) {
        return as(token)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    private Set<String> members() {
        return redis.opsForSet()
                .members(SET)
                .collect(java.util.stream.Collectors.toSet())
                .block();
    }

    private Duration ttl(String key) {
        return redis.getExpire(key).block();
    }
}
