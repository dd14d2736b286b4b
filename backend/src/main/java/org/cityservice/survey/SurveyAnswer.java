package org.cityservice.survey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the resident said: whether the problem was solved and how satisfied they are.
 *
 * @param satisfaction null when they said it was not solved by SMS (reply 4 asks no more)
 * @param comment      null when they wrote none
 * @param via          {@code MINIPROGRAM} or {@code SMS}
 * @param at           when it was given; null while an answer is being taken, before {@link SurveyAnswers} stamps it
 */
public record SurveyAnswer(
        Solved solved,
        @Nullable Satisfaction satisfaction,
        @Nullable String comment,
        String via,
        @Nullable Instant at) {

    public enum Solved {
        YES("已解决"),
        NO("未解决"),
        UNKNOWN("不清楚");

        private final String label;

        Solved(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Satisfaction {
        SATISFIED("满意"),
        BASICALLY_SATISFIED("基本满意"),
        DISSATISFIED("不满意");

        private final String label;

        Satisfaction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "Not solved" or 不满意: the case is done again (重办). */
    boolean reopens() {
        return solved == Solved.NO || satisfaction == Satisfaction.DISSATISFIED;
    }

    /** How the answer reads in the case's timeline. */
    String summary() {
        return "回访:" + solved.label() + (satisfaction == null ? "" : "," + satisfaction.label())
                + (comment == null || comment.isBlank() ? "" : "。" + comment);
    }
}
