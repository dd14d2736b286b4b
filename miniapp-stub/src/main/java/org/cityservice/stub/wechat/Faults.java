package org.cityservice.stub.wechat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Trouble the platform can be told to make: answer "system busy" (-1) a number of times, or answer slowly. */
final class Faults {

    private final AtomicInteger busyAnswers = new AtomicInteger();
    private final AtomicLong delayMillis = new AtomicLong();

    void set(int busy, long delay) {
        busyAnswers.set(busy);
        delayMillis.set(delay);
    }

    /** @return true if this call should answer -1 */
    boolean nextIsBusy() {
        return busyAnswers.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    void delay() {
        long millis = delayMillis.get();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void reset() {
        set(0, 0);
    }
}
