package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Opening hours per weekday, several ranges a day: {@code {"MONDAY": ["08:30-12:00", "14:00-17:30"]}}.
 * A weekday that is absent is closed all day.
 */
public record WeeklyHours(Map<DayOfWeek, List<TimeRange>> days) {

    public WeeklyHours {
        EnumMap<DayOfWeek, List<TimeRange>> sorted = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> {
            if (ranges != null && !ranges.isEmpty()) {
                sorted.put(day, ranges.stream().sorted().toList());
            }
        });
        days = Collections.unmodifiableMap(sorted);
    }

    @JsonCreator
    public static WeeklyHours of(Map<DayOfWeek, List<TimeRange>> days) {
        return new WeeklyHours(days);
    }

    /** The same ranges on every day of the week. */
    public static WeeklyHours everyDay(List<TimeRange> ranges) {
        EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, ranges);
        }
        return new WeeklyHours(days);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /** Monday first: the map is an {@link EnumMap}. */
    @JsonValue
    public Map<DayOfWeek, List<TimeRange>> asMap() {
        return days;
    }
}
