package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/**
 * A district left out of {@code app.districts} while its home holds cases stops the start; one whose home is empty is
 * forgotten. (The start of the application under test ran the same check.)
 */
class DistrictHomesCheckTest extends IntegrationTest {

    private static final String NOTED = "cs:{complaint}:homes";
    /** A code no district of the test configuration has: a district taken out since an earlier start. */
    private static final String GONE = "0899";

    @Autowired
    private DistrictHomesCheck check;

    @Test
    void eachStartNotesTheDistrictsCodes() {
        check.check().block();

        assertThat(redis.opsForSet().members(NOTED).collectList().block())
                .contains("0802", "0803", "0000")
                .doesNotContain("");
    }

    @Test
    void aDistrictLeftOutWhileItsHomeHoldsCasesStopsTheStartNamingIt() {
        redis.opsForSet().add(NOTED, GONE, "0803").block();
        redis.opsForHash()
                .put("cs:{complaint:" + GONE + "}:cases", "JZ0899-20261122-000001", "{}")
                .block();
        redis.opsForHash()
                .put("cs:{complaint:" + GONE + "}:cases", "JZ0899-20261122-000002", "{}")
                .block();

        StepVerifier.create(check.check())
                .expectErrorSatisfies(refused -> assertThat(refused)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("0899(2 件)")
                        .hasMessageContaining("app.districts"))
                .verify();
        assertThat(redis.opsForSet().isMember(NOTED, GONE).block()).isTrue();
    }

    @Test
    void aDistrictLeftOutWhoseHomeIsEmptyIsForgotten() {
        redis.opsForSet().add(NOTED, GONE).block();

        check.check().block();

        assertThat(redis.opsForSet().isMember(NOTED, GONE).block()).isFalse();
        assertThat(redis.opsForSet().isMember(NOTED, "0803").block()).isTrue();
    }
}
