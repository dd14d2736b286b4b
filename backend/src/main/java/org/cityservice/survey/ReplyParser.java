package org.cityservice.survey;

import java.text.Normalizer;
import java.util.Map;

/**
 * Reads an SMS reply to a survey: one digit, as the message asks (1 solved and 满意, 2 solved and
 * 基本满意, 3 solved but 不满意, 4 not solved), in any width and with any spaces around it, or the
 * words themselves. Anything else is not an answer (null) and is kept for staff.
 */
final class ReplyParser {

    private static final Map<String, SurveyAnswer> ANSWERS = Map.of(
            "1", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.SATISFIED),
            "2", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.BASICALLY_SATISFIED),
            "3", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.DISSATISFIED),
            "4", answer(SurveyAnswer.Solved.NO, null),
            "满意", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.SATISFIED),
            "非常满意", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.SATISFIED),
            "基本满意", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.BASICALLY_SATISFIED),
            "不满意", answer(SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.DISSATISFIED),
            "未解决", answer(SurveyAnswer.Solved.NO, null),
            "没解决", answer(SurveyAnswer.Solved.NO, null));

    private ReplyParser() {
    }

    /** The answer a reply gives, or null when it gives none. */
    static SurveyAnswer parse(String text) {
        if (text == null) {
            return null;
        }
        // NFKC folds full-width digits (１) and spaces into ASCII ones
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s。.!!]", "");
        return ANSWERS.get(folded);
    }

    private static SurveyAnswer answer(SurveyAnswer.Solved solved, SurveyAnswer.Satisfaction satisfaction) {
        return new SurveyAnswer(solved, satisfaction, null, "SMS", null);
    }
}
