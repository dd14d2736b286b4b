package org.cityservice.stub.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The platform's "now": real time plus however far a test or a person has moved it on. */
final class StubClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    Instant now() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    void reset() {
        offsetMillis.set(0);
    }
}
