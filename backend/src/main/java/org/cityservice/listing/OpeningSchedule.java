package org.cityservice.listing;

import java.time.LocalDate;
import java.util.List;

/** When a place is open: which days it opens at all, and its time ranges on such a day. */
interface OpeningSchedule {

    boolean opensOn(LocalDate date);

    /** Sorted by start; a range may end the next day. */
    List<TimeRange> rangesOn(LocalDate date);
}
