package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.cityservice.shared.TimeConfiguration;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    /** National Day 2026: October 1 to 8 off, Saturday October 10 worked instead. */
    private final WorkingCalendar calendar = new WorkingCalendar(
            LocalTime.of(8, 30),
            LocalTime.of(17, 30),
            List.of(new WorkingCalendar.Holiday(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 8), "国庆节")),
            Set.of(LocalDate.of(2026, 10, 10)));

    @Test
    void hoursWithinOneWorkingDay() {
        assertThat(deadline("2026-11-23T10:00", Duration.ofHours(2))).isEqualTo(at("2026-11-23T12:00"));
    }

    @Test
    void hoursRunOnTheNextMorningAfterTheNight() {
        assertThat(deadline("2026-11-23T16:30", Duration.ofHours(2))).isEqualTo(at("2026-11-24T09:30"));
    }

    @Test
    void aReportAtNightStartsCountingAtTheNextStartOfWork() {
        assertThat(deadline("2026-11-23T23:00", Duration.ofHours(2))).isEqualTo(at("2026-11-24T10:30"));
        assertThat(deadline("2026-11-24T06:00", Duration.ofHours(2))).isEqualTo(at("2026-11-24T10:30"));
    }

    @Test
    void weekendsDoNotCount() {
        assertThat(deadline("2026-11-27T16:00", Duration.ofHours(4)))
                .isEqualTo(at("2026-11-30T11:00")); // Friday 1.5 h, Monday 2.5 h
        assertThat(deadline("2026-11-28T10:00", Duration.ofHours(2))).isEqualTo(at("2026-11-30T10:30")); // Saturday
        assertThat(deadline("2026-11-27T16:00", Duration.ofDays(3)))
                .isEqualTo(at("2026-12-02T16:00")); // Friday → Wednesday
    }

    @Test
    void aHolidayDoesNotCountAndAMakeUpSaturdayDoes() {
        assertThat(deadline("2026-09-30T16:00", Duration.ofHours(2)))
                .isEqualTo(at("2026-10-09T09:00")); // 1.5 h before, 0.5 h after the holiday
        assertThat(deadline("2026-10-09T16:00", Duration.ofDays(1))).isEqualTo(at("2026-10-10T16:00"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    }

    private Instant deadline(String from, Duration limit) {
        return calendar.deadline(at(from), limit);
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(TimeConfiguration.SHANGHAI).toInstant();
    }
}
