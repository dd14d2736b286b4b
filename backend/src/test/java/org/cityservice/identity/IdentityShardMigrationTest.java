package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.LegacyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The move of residents into the identity shards, on a store the code of 332bd50 filled ({@link LegacyStore}): alice
 * reported four cases with her phone bound, bob holds subscribe grants and two sessions, carol logged out, the
 * dispatcher zhang and the admin are logged in.
 */
class IdentityShardMigrationTest extends IntegrationTest {

    private static final String ALICE = "r-6d13334efafc16c1bd80";
    private static final String BOB = "r-88fcb2e2fb5aa0f05fa3";
    private static final List<String> RESIDENT_SESSIONS = List.of(
            "86ccf282f89c8e59a4125c610aa65943e89649c69dd69dfdf9852ac4d82f643c",
            "703c33686766209393cec83a0cb854b58ac5d8df118a33e6bc04e5cdc08a7306",
            "ff5bcb08c97e96d512b3df7e6471a694ac906f1bb6d66fe134afd53da41dd057");
    private static final String STAFF_SESSION =
            "cs:{identity}:session:35e6f60c43e8c0b88a548e07efb4c0c29d4a1ffeb140bd10b5a1fb52c9ee6efe";

    private final LegacyStore legacy = LegacyStore.of332bd50();

    @Autowired
    private IdentityShardMigration migration;

    @Autowired
    private IdentityKeys keys;

    @BeforeEach
    void theStoreOf332bd50() {
        legacy.writeInto(redis);
    }

    @Test
    void residentsKeepTheirIdsPhonesGrantsAndCasesAndTheirMiniProgramsLogInAgain() {
        assertThat(migration.migrate().block()).isEqualTo(new IdentityShardMigration.Moved(3, 3, 1, 1, 3));

        // under {identity} only the staff, the login throttles, the log of ended sessions and the marker remain (and,
        // on a cluster, the counter each WAIT follows)
        assertThat(redis.keys("cs:{identity}:*").collectList().block())
                .isNotEmpty()
                .allMatch(key -> key.matches("cs:\\{identity}:(staff|staff-index|login-attempts|login-rate"
                        + "|session|sessions:staff|revocations|layout|acks)(:.+)?"));
        assertThat(redis.opsForValue().get("cs:{identity}:layout").block()).isEqualTo("shards-1024");
        assertThat(redis.hasKey(STAFF_SESSION).block()).isTrue();

        // a token of the earlier layout is refused (as any lapsed one): the mini-program logs in again, silently,
        // and finds the resident it was, with her phone and her cases
        assertThat(redis.<String, String>opsForStream()
                        .range(keys.global("revocations"), Range.unbounded())
                        .map(entry -> entry.getValue().get("id"))
                        .collectList()
                        .block())
                .containsAll(RESIDENT_SESSIONS);
        WebTestClient alice = resident("alice");
        alice.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(ALICE)
                .jsonPath("$.phone")
                .isEqualTo("138****0004");
        alice.get()
                .uri("/api/v1/complaints/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(4);
        resident("bob")
                .get()
                .uri("/api/v1/me/subscriptions")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'status-change')].grants")
                .isEqualTo(List.of(1))
                .jsonPath("$[?(@.name == 'survey')].grants")
                .isEqualTo(List.of(1));
        assertThat(redis.getExpire(keys.grantEcho(BOB)).block()).isPositive().isLessThan(Duration.ofMinutes(2));

        // done once: the marker stops a second run
        assertThat(migration.migrate().blockOptional()).isEmpty();
    }

    @Test
    void twoInstancesStartingTogetherMoveOnceTheOtherWaitsForIt() {
        var both = Mono.zip(
                        migration.migrate().map(Optional::of).defaultIfEmpty(Optional.empty()),
                        migration.migrate().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .block(Duration.ofSeconds(30));

        assertThat(List.of(both.getT1(), both.getT2()))
                .containsExactlyInAnyOrder(
                        Optional.of(new IdentityShardMigration.Moved(3, 3, 1, 1, 3)), Optional.empty());
        assertThat(redis.hasKey("cs:{identity}:layout-lock").block()).isFalse();
    }

    @Test
    void aKeyAlreadyMovedIsNotWrittenOverByWhatTheOldOneHeldAndTheOldOneGoes() {
        // moved by an instance that started first, and changed since
        redis.<String, String>opsForHash()
                .putAll(keys.resident(BOB), Map.of("id", BOB, "phone", "13900000010"))
                .block();

        migration.migrate().block();

        assertThat(redis.<String, String>opsForHash()
                        .get(keys.resident(BOB), "phone")
                        .block())
                .isEqualTo("13900000010");
        assertThat(redis.hasKey("cs:{identity}:resident:" + BOB).block()).isFalse();
        assertThat(redis.<String, String>opsForHash()
                        .get(keys.resident(ALICE), "phone")
                        .block())
                .isEqualTo("13800000004");
    }
}
