package org.cityservice.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.cityservice.district.Districts;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 受理编号: {@code JZ0802-20261122-000123}, the prefix, the code of the district the case was routed to when it was
 * received ({@link Districts#UNROUTED} when no station took it), the day in Asia/Shanghai and the district's sequence
 * of that day. Human-readable on the phone and in an SMS; sequential per district and day, a number may be skipped (a
 * retry that lost a race, a report its content check or a failure stopped after its number was taken), never repeated.
 * The district in the number stays when a case is routed elsewhere later: it names where the case was received.
 * Numbers given before districts had codes ({@code JZ20261122-000123}) stay valid.
 *
 * <p>A resident's report is first counted in her hourly limit ({@code app.complaints.max-per-hour}, per clock hour in
 * Asia/Shanghai, counted in Redis so every instance counts together, across districts), then takes its number. Over
 * the limit: 429 with {@code Retry-After} until the next hour, and no number taken.
 */
@Component
class TrackingNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A tracking number and the moment it was given, which is when the case was received. */
    record Issued(String trackingNo, Instant at) {}

    private final ComplaintStore store;
    private final ComplaintProperties properties;
    private final Districts districts;
    private final Clock clock;

    TrackingNumbers(ComplaintStore store, ComplaintProperties properties, Districts districts, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.districts = districts;
        this.clock = clock;
    }

    /** A number for a case no resident's limit applies to (a hotline order, an integration's report). */
    Mono<Issued> next(Complaint.Routing routed) {
        String district = districts.codeOf(routed.district());
        Instant now = now();
        LocalDate day = day(now);
        return store.nextOfDay(district, day).map(n -> issued(district, day, n, now));
    }

    /** A number for a resident's report, counted against the resident's hourly limit. */
    Mono<Issued> nextFor(String residentId, Complaint.Routing routed) {
        String district = districts.codeOf(routed.district());
        Instant now = now();
        LocalDate day = day(now);
        int max = properties.maxPerHour();
        return store.nextOfDayWithin(district, day, residentId, HourlyLimit.hour(clock), max)
                .flatMap(taken -> HourlyLimit.within(
                                taken.submissions(),
                                max,
                                clock,
                                minutes -> "每小时最多提交 " + max + " 条诉求,请 " + minutes + " 分钟后再试")
                        .thenReturn(issued(district, day, taken.number(), now)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, TimeConfiguration.SHANGHAI);
    }

    private Issued issued(String district, LocalDate day, long number, Instant at) {
        return new Issued(
                properties.trackingPrefix() + district + "-" + DAY.format(day) + "-" + String.format("%06d", number),
                at);
    }
}
