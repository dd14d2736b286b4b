package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class DeadlineWatchTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String CASE = "/api/v1/admin/complaints/JZ0000-20261123-000001";

    @Autowired
    private DeadlineWatch watch;

    @Autowired
    private Scheduler scheduler;

    private WebTestClient alice;

    @BeforeEach
    void aCaseReceivedOnMondayMorning() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        alice = resident("alice");
        reportBy(alice)
                .withCategory("street-vending")
                .submit()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.deadline")
                .isEqualTo("2026-11-23T12:00:00+08:00"); // register within 2 working hours
    }

    @Test
    void aCaseTurnsYellowAt80PercentAndRedPastItsLimitEachOnce() {
        assertThat(sweepAt(11, 30)).isZero();
        assertThat(sweepAt(11, 40)).isEqualTo(1); // 80 % of 10:00–12:00 is 11:36
        assertThat(sweepAt(11, 50)).isZero();
        asAdmin()
                .get()
                .uri(CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.alert")
                .isEqualTo("YELLOW")
                .jsonPath("$.stage")
                .isEqualTo("register")
                .jsonPath("$.timeline[1].note")
                .isEqualTo("督办:立案时限即将到期")
                .jsonPath("$.version")
                .isEqualTo(1);

        assertThat(sweepAt(12, 1)).isEqualTo(1);
        asAdmin()
                .get()
                .uri(CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.alert")
                .isEqualTo("RED")
                .jsonPath("$.timeline[2].note")
                .isEqualTo("督办:已超过立案时限");
        alice.get()
                .uri("/api/v1/complaints/JZ0000-20261123-000001")
                .exchange()
                .expectBody()
                .jsonPath("$.timeline[2].by")
                .isEqualTo("系统督办");
        List<Object> levels = redis.opsForStream()
                .range("cs:{complaint:0000}:events", Range.unbounded())
                .flatMap(record -> Mono.justOrEmpty(record.getValue().get("level")))
                .collectList()
                .block();
        assertThat(levels).containsExactly("YELLOW", "RED");
    }

    @Test
    void aMoveStartsTheNextStagesClock() {
        sweepAt(12, 1);
        clock.set(LocalDateTime.of(2026, 11, 23, 12, 1));
        asAdmin()
                .post()
                .uri(CASE + "/transitions")
                .bodyValue(Map.of("action", "REGISTER"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.alert")
                .isEqualTo("NONE")
                .jsonPath("$.stage")
                .isEqualTo("dispatch")
                .jsonPath("$.deadline")
                .isEqualTo("2026-11-23T16:01:00+08:00");
        assertThat(sweepAt(12, 30)).isZero();
        assertThat(sweepAt(16, 2)).isEqualTo(2); // yellow and red of the dispatch stage, both due by now
    }

    @Test
    void aReroutedCaseKeepsItsMarksAndIsNotMarkedAgain() {
        assertThat(sweepAt(11, 40)).isEqualTo(1);
        String station = asAdmin()
                .post()
                .uri("/api/v1/admin/stations")
                .bodyValue(Map.of(
                        "name",
                        "朱村站",
                        "address",
                        "焦作市中站区",
                        "district",
                        "中站区",
                        "subdistrict",
                        "朱村街道",
                        "location",
                        Map.of("lat", 35.23, "lng", 113.15),
                        "phone",
                        "12319",
                        "hours",
                        Map.of("MONDAY", List.of("08:30-12:00"))))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        asAdmin()
                .post()
                .uri(CASE + "/routing")
                .bodyValue(Map.of("stationId", station, "reason", "改派"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.alert")
                .isEqualTo("YELLOW");
        assertThat(sweepAt(11, 50)).isZero();
        assertThat(sweepAt(12, 1)).isEqualTo(1); // red still comes
    }

    @Test
    void twoSweepersRacingMarkACaseOnce() {
        clock.set(LocalDateTime.of(2026, 11, 23, 11, 40));
        Instant now = clock.instant();
        List<Long> marked =
                Flux.range(0, 4).flatMap(i -> watch.sweep(now)).collectList().block();
        assertThat(marked.stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        asAdmin()
                .get()
                .uri(CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.timeline.length()")
                .isEqualTo(2);
    }

    @Test
    void quartzTriggersTheSweep() throws SchedulerException {
        assertThat(scheduler.checkExists(JobKey.jobKey("deadline-sweep", "complaints")))
                .isTrue();
        assertThat(scheduler.checkExists(TriggerKey.triggerKey("deadline-sweep", "complaints")))
                .isTrue();
    }

    private long sweepAt(int hour, int minute) {
        clock.set(LocalDateTime.of(2026, 11, 23, hour, minute));
        return watch.sweep(LocalDateTime.of(2026, 11, 23, hour, minute)
                        .atZone(TimeConfiguration.SHANGHAI)
                        .toInstant())
                .block();
    }
}
