package org.cityservice.shared;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * No message reaches a resident's phone at night: between {@code start} and {@code end} (Asia/Shanghai,
 * across midnight) anything due is moved to the first allowed minute, {@code end}. The same time for
 * both turns quiet hours off (nothing is ever quiet).
 */
@ConfigurationProperties("app.quiet-hours")
public record QuietHours(
        @DefaultValue("21:00") LocalTime start,
        @DefaultValue("08:00") LocalTime end) {

    public boolean quiet(Instant at) {
        LocalTime time = at.atZone(TimeConfiguration.SHANGHAI).toLocalTime();
        return start.isAfter(end)
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    /** {@code at} itself when allowed, else the end of this quiet spell. */
    public Instant nextAllowed(Instant at) {
        if (!quiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(TimeConfiguration.SHANGHAI);
        ZonedDateTime endToday = local.with(end).withSecond(0).withNano(0);
        return (local.toLocalTime().isBefore(end) ? endToday : endToday.plusDays(1)).toInstant();
    }
}
