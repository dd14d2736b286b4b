package org.cityservice.stats;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The three rates (三率) and the standard's closure rates of one group, each beside its counts
 * (docs/surveys.md states the formulas). A rate is null when its denominator is zero.
 *
 * @param group the district, subdistrict, station id or category code; 全市 for the whole city
 */
record Rates(
        String group,
        String name,
        long received,
        long respondedOnTime,
        @Nullable Double responseRate,
        long answered,
        long solved,
        @Nullable Double resolutionRate,
        long satisfied,
        long basicallySatisfied,
        @Nullable Double satisfactionRate,
        long dueToClose,
        long closed,
        @Nullable Double closureRate,
        long closedOnTime,
        @Nullable Double onTimeClosureRate,
        long reworked,
        @Nullable Double reworkRate) {

    static Rates of(String group, String name, Map<String, Long> counts, double weight) {
        long received = counts.getOrDefault("received", 0L);
        long responded = counts.getOrDefault("respondedOnTime", 0L);
        long answered = counts.getOrDefault("answered", 0L);
        long solved = counts.getOrDefault("solved", 0L);
        long satisfied = counts.getOrDefault("satisfied", 0L);
        long basically = counts.getOrDefault("basicallySatisfied", 0L);
        long due = counts.getOrDefault("dueToClose", 0L);
        long closed = counts.getOrDefault("closed", 0L);
        long onTime = counts.getOrDefault("closedOnTime", 0L);
        long reworked = counts.getOrDefault("reworked", 0L);
        return new Rates(
                group,
                name,
                received,
                responded,
                rate(responded, received),
                answered,
                solved,
                rate(solved, answered),
                satisfied,
                basically,
                answered == 0 ? null : round((satisfied + weight * basically) / answered),
                due,
                closed,
                rate(closed, due),
                onTime,
                rate(onTime, due),
                reworked,
                rate(reworked, due));
    }

    /** The mean of the three rates that have a denominator: how subdistricts are ranked. */
    @Nullable
    Double composite() {
        double sum = 0;
        int n = 0;
        for (Double rate : new Double[] {responseRate, resolutionRate, satisfactionRate}) {
            if (rate != null) {
                sum += rate;
                n++;
            }
        }
        return n == 0 ? null : round(sum / n);
    }

    private static @Nullable Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
