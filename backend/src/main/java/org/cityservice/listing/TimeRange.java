package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalTime;
import org.cityservice.shared.InvalidValueException;

/**
 * Opening or duty time within a day, written {@code "08:30-12:00"}. An end at or before the start
 * runs past midnight into the next day ({@code "18:00-02:00"}); {@code "24:00"} is accepted as the
 * end of the day. The range belongs to the day it starts on.
 */
public record TimeRange(LocalTime start, LocalTime end) implements Comparable<TimeRange> {

    private static final String FORMAT_HINT = "时间段格式应为 HH:mm-HH:mm,例如 08:30-12:00";

    public TimeRange {
        // a JSON object ({"start": …}) reaches this constructor without parse(): both parts must be there
        if (start == null || end == null) {
            throw new InvalidValueException(FORMAT_HINT);
        }
        if (start.equals(end) && !start.equals(LocalTime.MIDNIGHT)) {
            throw new InvalidValueException("开始和结束时间不能相同");
        }
    }

    /** Hand-written rather than a regex and {@code LocalTime.parse}: every stored listing is read through here. */
    @JsonCreator
    public static TimeRange parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FORMAT_HINT);
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new InvalidValueException(FORMAT_HINT);
        }
        String from = text.substring(0, dash).trim();
        String to = text.substring(dash + 1).trim();
        return new TimeRange(time(from, false), time(to, true));
    }

    private static LocalTime time(String text, boolean endOfDayAllowed) {
        if (text.length() != 5 || text.charAt(2) != ':' || !digits(text, 0, 2) || !digits(text, 3, 5)) {
            throw new InvalidValueException(FORMAT_HINT);
        }
        int hour = (text.charAt(0) - '0') * 10 + text.charAt(1) - '0';
        int minute = (text.charAt(3) - '0') * 10 + text.charAt(4) - '0';
        if (endOfDayAllowed && hour == 24 && minute == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (hour > 23 || minute > 59) {
            throw new InvalidValueException("时间 " + text + " 无效");
        }
        return LocalTime.of(hour, minute);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean endsNextDay() {
        return !end.isAfter(start);
    }

    /** Written for every range of every listing answered, so without string concatenation. */
    @JsonValue
    @Override
    public String toString() {
        char[] text = new char[11];
        write(text, 0, start.getHour(), start.getMinute());
        text[5] = '-';
        write(text, 6, end.equals(LocalTime.MIDNIGHT) ? 24 : end.getHour(), end.getMinute());
        return new String(text);
    }

    private static void write(char[] text, int at, int hour, int minute) {
        text[at] = (char) ('0' + hour / 10);
        text[at + 1] = (char) ('0' + hour % 10);
        text[at + 2] = ':';
        text[at + 3] = (char) ('0' + minute / 10);
        text[at + 4] = (char) ('0' + minute % 10);
    }

    @Override
    public int compareTo(TimeRange other) {
        return start.compareTo(other.start);
    }
}
