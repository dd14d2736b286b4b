package org.cityservice.listing;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityservice.shared.InvalidValueException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Opening or duty time within a day, written {@code "08:30-12:00"}. An end at or before the start
 * runs past midnight into the next day ({@code "18:00-02:00"}); {@code "24:00"} is accepted as the
 * end of the day. The range belongs to the day it starts on.
 */
public record TimeRange(LocalTime start, LocalTime end) implements Comparable<TimeRange> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");

    public TimeRange {
        if (start.equals(end) && !start.equals(LocalTime.MIDNIGHT)) {
            throw new InvalidValueException("开始和结束时间不能相同");
        }
    }

    @JsonCreator
    public static TimeRange parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new InvalidValueException("时间段格式应为 HH:mm-HH:mm,例如 08:30-12:00");
        }
        return new TimeRange(time(m.group(1)), "24:00".equals(m.group(2)) ? LocalTime.MIDNIGHT : time(m.group(2)));
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("时间 " + text + " 无效");
        }
    }

    public boolean endsNextDay() {
        return !end.isAfter(start);
    }

    @JsonValue
    @Override
    public String toString() {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }

    @Override
    public int compareTo(TimeRange other) {
        return start.compareTo(other.start);
    }
}
