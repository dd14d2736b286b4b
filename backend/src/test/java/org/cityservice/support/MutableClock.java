package org.cityservice.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.cityservice.shared.TimeConfiguration;

/** A clock tests can pin to a moment in Asia/Shanghai. */
public final class MutableClock extends Clock {

    private volatile Instant instant;
    private final ZoneId zone = TimeConfiguration.SHANGHAI;

    public MutableClock() {
        reset();
    }

    public void set(LocalDateTime shanghaiTime) {
        instant = shanghaiTime.atZone(zone).toInstant();
    }

    public void reset() {
        instant = null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        Instant pinned = instant;
        return pinned != null ? pinned : Instant.now();
    }
}
