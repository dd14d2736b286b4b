package org.cityservice.stats;

import org.springframework.context.ApplicationContext;

/** Lets tests of other features run the statistics sweep, as the Quartz job would. */
public final class StatsTestAccess {

    private final StatsCounter counter;

    public StatsTestAccess(ApplicationContext context) {
        this.counter = context.getBean(StatsCounter.class);
    }

    /** One sweep: the events counted (or, over counters of the one-tag layout, rebuilt). */
    public long pull() {
        return counter.pull().block();
    }
}
