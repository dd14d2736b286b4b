package org.cityservice.complaint;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * The staff list's filters beyond scope and status: category, station, subdistrict, 督办 level,
 * received-date range (Asia/Shanghai, both days included) and a text found in the tracking number,
 * description or address. All but the text are indexes (docs/redis-keys.md); the text is looked for
 * in the cases those leave, up to {@link #TEXT_SCAN_LIMIT}.
 */
record CaseFilter(
        @Nullable String category,
        @Nullable String stationId,
        @Nullable String subdistrict,
        Deadline.@Nullable Alert alert,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        @Nullable String text) {

    /**
     * How many cases a text search reads at most, newest first, after the other filters: about 25 ms of
     * Redis time on the benchmark machine (docs/benchmarks.md). Past it the page says {@code partial}.
     */
    static final int TEXT_SCAN_LIMIT = 20_000;

    /** The lower bound of the created-at score range: the start of {@code from}, or unbounded. */
    String fromScore() {
        return from == null ? "-inf" : Long.toString(startOf(from));
    }

    /** The upper bound, exclusive: the start of the day after {@code to}, or unbounded. */
    String toScore() {
        return to == null ? "+inf" : "(" + startOf(to.plusDays(1));
    }

    private static long startOf(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(TimeConfiguration.SHANGHAI);
        return start.toInstant().toEpochMilli();
    }
}
