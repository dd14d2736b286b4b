package org.cityservice.listing;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.stereotype.Component;

/** Open now or not, for any listing, by the injected clock in Asia/Shanghai and the school calendar. */
@Component
class AvailabilityPolicy {

    private final Clock clock;
    private final SchoolCalendar calendar;

    AvailabilityPolicy(Clock clock, SchoolCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
    }

    ZonedDateTime now() {
        return ZonedDateTime.now(clock)
                .withZoneSameInstant(TimeConfiguration.SHANGHAI)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    Availability at(Listing listing, ZonedDateTime now) {
        return Availability.at(listing.schedule(calendar), now);
    }
}
