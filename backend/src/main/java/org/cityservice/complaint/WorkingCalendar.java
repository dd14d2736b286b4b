package org.cityservice.complaint;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the bureau works, in Asia/Shanghai: a working day from {@code start} to {@code end}, Monday to
 * Friday, except public holidays, plus the weekend days worked instead (调休). Time limits count only
 * this time: "2h" is two working hours, "3d" three working days (a case received on Friday at 16:00
 * with three days to handle is due on Wednesday at 16:00).
 *
 * @param holidays     days off that would be working days (both ends of each range included)
 * @param workingDays  weekend days that are working days
 */
@ConfigurationProperties("app.complaints.working-time")
public record WorkingCalendar(
        @DefaultValue("08:30") LocalTime start,
        @DefaultValue("17:30") LocalTime end,
        @DefaultValue List<Holiday> holidays,
        @DefaultValue Set<LocalDate> workingDays) {

    public record Holiday(LocalDate from, LocalDate to, String name) {
        boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workingDays.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && holidays.stream().noneMatch(holiday -> holiday.contains(day));
    }

    /** The moment {@code limit} of working time after {@code from}; whole days count working days. */
    public Instant deadline(Instant from, Duration limit) {
        LocalDateTime at = clampToWork(LocalDateTime.ofInstant(from, TimeConfiguration.SHANGHAI));
        if (limit.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && !limit.isZero()) {
            long days = limit.toDays();
            LocalDate day = at.toLocalDate();
            while (days > 0) {
                day = day.plusDays(1);
                if (isWorkingDay(day)) {
                    days--;
                }
            }
            return day.atTime(at.toLocalTime())
                    .atZone(TimeConfiguration.SHANGHAI)
                    .toInstant();
        }
        Duration left = limit;
        while (true) {
            Duration today = Duration.between(at.toLocalTime(), end);
            if (left.compareTo(today) <= 0) {
                return at.plus(left).atZone(TimeConfiguration.SHANGHAI).toInstant();
            }
            left = left.minus(today);
            at = nextWorkingDay(at.toLocalDate()).atTime(start);
        }
    }

    /** The first working moment at or after {@code at}. */
    private LocalDateTime clampToWork(LocalDateTime at) {
        LocalDate day = at.toLocalDate();
        if (isWorkingDay(day) && at.toLocalTime().isBefore(start)) {
            return day.atTime(start);
        }
        if (isWorkingDay(day) && at.toLocalTime().isBefore(end)) {
            return at;
        }
        return nextWorkingDay(day).atTime(start);
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
