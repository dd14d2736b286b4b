package org.cityservice.listing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a place is open (or a post on duty) at a moment, until when, and when it next opens.
 * Ranges that run past midnight count for the day they start on, so the day before is looked at too.
 *
 * @param closesAt    end of the current opening, when open (adjacent ranges are joined)
 * @param nextOpensAt start of the next opening, when closed; null if none within {@link #HORIZON_DAYS}
 */
public record Availability(
        boolean open,
        @Nullable ZonedDateTime closesAt,
        @Nullable ZonedDateTime nextOpensAt) {

    /** Far enough to find next summer's season from any day of this year. */
    static final int HORIZON_DAYS = 400;

    static Availability at(OpeningSchedule schedule, ZonedDateTime now) {
        LocalDateTime local = now.toLocalDateTime();
        LocalDate today = local.toLocalDate();
        LocalDateTime closesAt = null;
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            if (!schedule.opensOn(day)) {
                continue;
            }
            for (TimeRange range : schedule.rangesOn(day)) {
                LocalDateTime start = day.atTime(range.start());
                LocalDateTime end = end(day, range);
                if (!local.isBefore(start) && local.isBefore(end)) {
                    closesAt = closesAt == null || end.isAfter(closesAt) ? end : closesAt;
                }
            }
        }
        if (closesAt != null) {
            return new Availability(true, extend(schedule, closesAt).atZone(now.getZone()), null);
        }
        return new Availability(
                false,
                null,
                nextStart(schedule, local)
                        .map(start -> start.atZone(now.getZone()))
                        .orElse(null));
    }

    private static Optional<LocalDateTime> nextStart(OpeningSchedule schedule, LocalDateTime after) {
        LocalDate today = after.toLocalDate();
        for (int i = 0; i <= HORIZON_DAYS; i++) {
            LocalDate day = today.plusDays(i);
            if (!schedule.opensOn(day)) {
                continue;
            }
            for (TimeRange range : schedule.rangesOn(day)) {
                LocalDateTime start = day.atTime(range.start());
                if (start.isAfter(after)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /** 08:00-12:00 followed by 12:00-18:00 closes at 18:00, not at noon. */
    private static LocalDateTime extend(OpeningSchedule schedule, LocalDateTime closesAt) {
        boolean extended = true;
        while (extended) {
            extended = false;
            LocalDate day = closesAt.toLocalDate();
            if (!schedule.opensOn(day)) {
                break;
            }
            for (TimeRange range : schedule.rangesOn(day)) {
                LocalDateTime start = day.atTime(range.start());
                LocalDateTime end = end(day, range);
                if (!start.isAfter(closesAt) && end.isAfter(closesAt)) {
                    closesAt = end;
                    extended = true;
                }
            }
        }
        return closesAt;
    }

    private static LocalDateTime end(LocalDate day, TimeRange range) {
        return range.endsNextDay() ? day.plusDays(1).atTime(range.end()) : day.atTime(range.end());
    }
}
