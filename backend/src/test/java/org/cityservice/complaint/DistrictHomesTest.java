package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.StartupRetry;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/**
 * A district's home is noted before its first case; a start whose {@code app.districts} leaves out a noted district
 * whose home still holds cases stops, naming it. Each test asks a new instance, as a start would (the application under
 * test noted what it filed in its own instance).
 */
class DistrictHomesTest extends IntegrationTest {

    private static final String NOTED = "cs:{complaint}:homes";
    /** A code no district of the test configuration has: a district taken out since an earlier start. */
    private static final String GONE = "0899";

    @Autowired
    private ComplaintKeys keys;

    @Autowired
    private AcknowledgedWrites writes;

    @Autowired
    private StartupRetry startup;

    private DistrictHomes started() {
        return new DistrictHomes(redis, keys, writes, startup);
    }

    @Test
    void aHomeIsNotedBeforeItsFirstCaseAndTheLegacyHomeNeedsNone() {
        DistrictHomes homes = started();

        homes.note(keys.home("0803")).block();
        homes.note(keys.legacy()).block();

        assertThat(redis.opsForSet().members(NOTED).collectList().block()).containsExactly("0803");
    }

    @Test
    void aStartNotesTheListedDistrictsWhoseHomesHoldCasesOnly() {
        fileACaseIn("0803", 1);

        started().check().block();

        assertThat(redis.opsForSet().members(NOTED).collectList().block()).containsExactly("0803");
    }

    @Test
    void aDistrictLeftOutWhileItsHomeHoldsCasesStopsTheStartNamingIt() {
        redis.opsForSet().add(NOTED, GONE, "0803").block();
        fileACaseIn(GONE, 1);
        fileACaseIn(GONE, 2);

        StepVerifier.create(started().check())
                .expectErrorSatisfies(refused -> assertThat(refused)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("0899 (2 件)")
                        .hasMessageContaining("app.districts"))
                .verify();
    }

    @Test
    void aDistrictLeftOutWhoseHomeIsEmptyStopsNothingAndStaysNoted() {
        redis.opsForSet().add(NOTED, GONE).block();

        started().check().block();

        assertThat(redis.opsForSet().isMember(NOTED, GONE).block()).isTrue();
    }

    @Autowired
    private DistrictHomes application;

    @Test
    void aReportNotesItsDistrictsHome() {
        // what the application knows to be noted, as of this test's empty store
        application.check().block();
        station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);

        String filed = reportBy(resident("alice")).file();

        assertThat(filed).startsWith("JZ0803-");
        assertThat(redis.opsForSet().isMember(NOTED, "0803").block()).isTrue();
    }

    private void fileACaseIn(String code, int n) {
        redis.opsForHash()
                .put("cs:{complaint:" + code + "}:cases", "JZ" + code + "-20261122-00000" + n, "{}")
                .block();
    }
}
