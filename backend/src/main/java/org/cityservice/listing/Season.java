package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.cityservice.shared.InvalidValueException;

/**
 * The part of every year a vending zone runs, both days included, written {@code "06-01..09-30"}.
 * A season may wrap the new year ({@code "11-15..02-28"}).
 */
public record Season(MonthDay from, MonthDay to) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("MM-dd");

    /** Also reached by a JSON object ({@code "season": {}}), which Jackson maps onto the components. */
    public Season {
        if (from == null || to == null) {
            throw new InvalidValueException("季节格式应为 MM-dd..MM-dd,例如 06-01..09-30");
        }
    }

    @JsonCreator
    public static Season parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.\\.");
        if (parts.length != 2) {
            throw new InvalidValueException("季节格式应为 MM-dd..MM-dd,例如 06-01..09-30");
        }
        try {
            return new Season(MonthDay.parse(parts[0].trim(), FORMAT), MonthDay.parse(parts[1].trim(), FORMAT));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("季节日期无效:" + text);
        }
    }

    public boolean contains(LocalDate date) {
        MonthDay day = MonthDay.from(date);
        if (!from.isAfter(to)) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
        return !day.isBefore(from) || !day.isAfter(to);
    }

    @JsonValue
    @Override
    public String toString() {
        return FORMAT.format(from) + ".." + FORMAT.format(to);
    }
}
