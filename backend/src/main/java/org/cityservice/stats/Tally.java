package org.cityservice.stats;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityservice.shared.StreamEvent;
import org.cityservice.shared.TimeConfiguration;

/**
 * What one event adds to the counters (docs/surveys.md, "The rates"), on the day it happened in
 * Asia/Shanghai, for each group it belongs to: the whole city, its district, subdistrict, station
 * and category. Null when it counts for nothing.
 */
record Tally(LocalDate day, String trackingNo, List<String> marks, List<String> counters, List<String> groups) {

    static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static Tally ofComplaintEvent(StreamEvent event) {
        List<String> marks = new ArrayList<>();
        List<String> counters = new ArrayList<>();
        if ("true".equals(event.get("late")) || ("ESCALATED".equals(event.type()) && "RED".equals(event.get("level")))) {
            marks.add("late");
        }
        switch (event.type()) {
            case "RECEIVED" -> counters.add("received");
            case "REGISTERED", "REJECTED" -> {
                if ("RECEIVED".equals(event.get("from")) && !"true".equals(event.get("late"))) {
                    counters.add("respondedOnTime");
                }
                if ("REGISTERED".equals(event.type())) {
                    counters.add("dueToClose");
                }
            }
            case "CLOSED" -> marks.add("closed");
            default -> {
            }
        }
        if ("REWORK".equals(event.get("action"))) {
            marks.add("rework");
        }
        return of(event, marks, counters);
    }

    static Tally ofSurveyEvent(StreamEvent event) {
        if (!"ANSWERED".equals(event.type())) {
            return null;
        }
        List<String> counters = new ArrayList<>(List.of("answered"));
        if ("YES".equals(event.get("solved"))) {
            counters.add("solved");
        }
        if ("SATISFIED".equals(event.get("satisfaction"))) {
            counters.add("satisfied");
        } else if ("BASICALLY_SATISFIED".equals(event.get("satisfaction"))) {
            counters.add("basicallySatisfied");
        }
        return of(event, List.of(), counters);
    }

    private static Tally of(StreamEvent event, List<String> marks, List<String> counters) {
        if (marks.isEmpty() && counters.isEmpty()) {
            return null;
        }
        LocalDate day = LocalDate.ofInstant(Instant.parse(event.get("at")), TimeConfiguration.SHANGHAI);
        List<String> groups = new ArrayList<>(List.of("city|全市"));
        for (String dimension : List.of("district", "subdistrict", "stationId", "category")) {
            String value = event.get(dimension);
            groups.add(GroupBy.fromField(dimension).name().toLowerCase() + "|" + (value == null ? "未分派" : value));
        }
        return new Tally(day, event.get("trackingNo"), marks, counters, groups);
    }
}
