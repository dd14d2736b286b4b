package org.cityservice.listing;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Open (or on duty) now, until when, next opening, and the same in one Chinese phrase for the
 * mini-program to show as is, e.g. "开放中,17:30 结束" or "已关闭,明天 08:30 开放".
 */
public record AvailabilityView(
        boolean openNow,
        @Nullable OffsetDateTime closesAt,
        @Nullable OffsetDateTime nextOpensAt,
        String summary) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M月d日");
    private static final DateTimeFormatter DATE_WITH_YEAR = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** Listings say 开放 (open); school posts say 执勤 (on duty). */
    static AvailabilityView of(Availability availability, ZonedDateTime now, boolean duty) {
        String open = duty ? "执勤中" : "开放中";
        String closed = duty ? "未在执勤" : "已关闭";
        ZonedDateTime closesAt = availability.closesAt();
        if (availability.open() && closesAt != null) {
            return new AvailabilityView(
                    true, closesAt.toOffsetDateTime(), null, open + "," + when(closesAt, now) + " 结束");
        }
        ZonedDateTime opensAt = availability.nextOpensAt();
        if (opensAt == null) {
            return new AvailabilityView(false, null, null, closed + ",暂无" + (duty ? "执勤" : "开放") + "安排");
        }
        return new AvailabilityView(
                false, null, opensAt.toOffsetDateTime(), closed + "," + when(opensAt, now) + (duty ? " 上岗" : " 开放"));
    }

    private static String when(ZonedDateTime at, ZonedDateTime now) {
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), at.toLocalDate());
        String day = days == 0
                ? ""
                : days == 1
                        ? "明天 "
                        : days == 2 ? "后天 " : (at.getYear() == now.getYear() ? DATE : DATE_WITH_YEAR).format(at) + " ";
        return day + TIME.format(at);
    }
}
