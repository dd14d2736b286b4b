package org.cityservice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void theEveningBeforeNineIsAllowed() {
        assertThat(night.nextAllowed(at("2026-11-23T20:59"))).isEqualTo(at("2026-11-23T20:59"));
    }

    @Test
    void nineInTheEveningWaitsForEightNextMorning() {
        assertThat(night.nextAllowed(at("2026-11-23T21:00"))).isEqualTo(at("2026-11-24T08:00"));
        assertThat(night.nextAllowed(at("2026-11-23T23:59"))).isEqualTo(at("2026-11-24T08:00"));
    }

    @Test
    void afterMidnightWaitsForEightTheSameMorning() {
        assertThat(night.nextAllowed(at("2026-11-24T00:00"))).isEqualTo(at("2026-11-24T08:00"));
        assertThat(night.nextAllowed(at("2026-11-24T07:59"))).isEqualTo(at("2026-11-24T08:00"));
    }

    @Test
    void eightInTheMorningIsAllowed() {
        assertThat(night.nextAllowed(at("2026-11-24T08:00"))).isEqualTo(at("2026-11-24T08:00"));
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(TimeConfiguration.SHANGHAI).toInstant();
    }
}
