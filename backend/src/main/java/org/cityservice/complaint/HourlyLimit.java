package org.cityservice.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.cityservice.shared.TimeConfiguration;
import reactor.core.publisher.Mono;

/**
 * What every per-account hourly limit shares (reports, photo uploads): the clock hour in Asia/Shanghai
 * its counter is kept under, and the 429 with {@code Retry-After} until the next hour once it is used up.
 */
final class HourlyLimit {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

    private HourlyLimit() {}

    /** The hour a count made now belongs to, e.g. {@code 2026112310}. */
    static String hour(Clock clock) {
        return HOUR.format(ZonedDateTime.now(clock).withZoneSameInstant(TimeConfiguration.SHANGHAI));
    }

    /** Nothing while {@code count} is within {@code max}; else 429, its detail told how many minutes to wait. */
    static Mono<Void> within(long count, int max, Clock clock, LongFunction<String> detailForMinutes) {
        if (count <= max) {
            return Mono.empty();
        }
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(TimeConfiguration.SHANGHAI);
        long wait = Math.max(
                1,
                Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plusHours(1))
                        .toSeconds());
        return Mono.error(new ApiException(
                ProblemType.TOO_MANY_REQUESTS,
                detailForMinutes.apply((wait + 59) / 60),
                List.of(),
                Map.of(ProblemWriter.RETRY_AFTER, wait)));
    }
}
