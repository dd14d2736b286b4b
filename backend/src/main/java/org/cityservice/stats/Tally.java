package org.cityservice.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.cityservice.complaint.ComplaintAction;
import org.cityservice.complaint.ComplaintEvent;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.complaint.Deadline;
import org.cityservice.shared.StreamEvent;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.survey.SurveyAnswer;
import org.cityservice.survey.SurveyEvent;
import org.jspecify.annotations.Nullable;

/**
 * What one event adds to the counters (docs/surveys.md, "The rates"), on the day it happened in
 * Asia/Shanghai, for each group it belongs to: the whole city, its district, subdistrict, station
 * and category. Null when it counts for nothing.
 */
record Tally(
        LocalDate day, @Nullable String trackingNo, List<String> marks, List<String> counters, List<String> groups) {

    static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static @Nullable Tally ofComplaintEvent(StreamEvent stored) {
        ComplaintEvent event = ComplaintEvent.of(stored);
        List<String> marks = new ArrayList<>();
        List<String> counters = new ArrayList<>();
        if (event.late() || event.type() == ComplaintEvent.Type.ESCALATED && event.level() == Deadline.Alert.RED) {
            marks.add("late");
        }
        switch (event.type()) {
            case RECEIVED -> counters.add("received");
            case REGISTERED, REJECTED -> {
                if (event.from() == ComplaintStatus.RECEIVED && !event.late()) {
                    counters.add("respondedOnTime");
                }
                if (event.type() == ComplaintEvent.Type.REGISTERED) {
                    counters.add("dueToClose");
                }
            }
            case CLOSED -> marks.add("closed");
            default -> {}
        }
        if (event.action() == ComplaintAction.REWORK) {
            marks.add("rework");
        }
        return of(stored, marks, counters);
    }

    static @Nullable Tally ofSurveyEvent(StreamEvent stored) {
        SurveyEvent event = SurveyEvent.of(stored);
        if (event.type() != SurveyEvent.Type.ANSWERED) {
            return null;
        }
        List<String> counters = new ArrayList<>(List.of("answered"));
        if (event.solved() == SurveyAnswer.Solved.YES) {
            counters.add("solved");
        }
        if (event.satisfaction() == SurveyAnswer.Satisfaction.SATISFIED) {
            counters.add("satisfied");
        } else if (event.satisfaction() == SurveyAnswer.Satisfaction.BASICALLY_SATISFIED) {
            counters.add("basicallySatisfied");
        }
        return of(stored, List.of(), counters);
    }

    private static @Nullable Tally of(StreamEvent event, List<String> marks, List<String> counters) {
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
