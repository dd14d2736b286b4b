package org.cityservice.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 受理编号: {@code JZ20261122-000123}, the prefix, the day in Asia/Shanghai and the day's sequence.
 * Human-readable on the phone and in an SMS; sequential per day, a number may be skipped (a retry
 * that lost a race), never repeated.
 */
@Component
class TrackingNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A tracking number and the moment it was given, which is when the case was received. */
    record Issued(String trackingNo, Instant at) {}

    private final ComplaintStore store;
    private final ComplaintProperties properties;
    private final Clock clock;

    TrackingNumbers(ComplaintStore store, ComplaintProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Issued> next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate day = LocalDate.ofInstant(now, TimeConfiguration.SHANGHAI);
        return store.nextOfDay(day)
                .map(n -> new Issued(
                        properties.trackingPrefix() + DAY.format(day) + "-" + String.format("%06d", n), now));
    }
}
