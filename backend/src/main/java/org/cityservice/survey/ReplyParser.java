package org.cityservice.survey;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an SMS reply to a survey: one digit, as the message asks (1 solved and 满意, 2 solved and
 * 基本满意, 3 solved but 不满意, 4 not solved), in any width and with any spaces around it, or the
 * words themselves; optionally followed by which case it answers (the reply code, the tracking
 * number's last four digits, or the whole tracking number), for a resident with several surveys open.
 * Anything else is not an answer (null) and is kept for staff.
 */
final class ReplyParser {

    /** An answer, and the case it names (null when it names none). */
    record Reply(SurveyAnswer answer, @Nullable String reference) {

        /** Whether it names the case with this tracking number; asked only of a reply that names a case. */
        boolean names(String trackingNo) {
            String number = trackingNo.replace("-", "").toUpperCase(Locale.ROOT);
            String wanted = Objects.requireNonNull(reference, "only a reply that names a case is matched by it")
                    .replace("-", "");
            return wanted.chars().allMatch(Character::isDigit) ? number.endsWith(wanted) : number.equals(wanted);
        }
    }

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

    private static final String ANSWER = "([1-4]|非常满意|基本满意|不满意|满意|未解决|没解决)";
    /** A numeric code must be set apart from the digit ("1 0012"); a whole tracking number need not ("1JZ0802-20261124-000012"). */
    private static final String SEPARATOR = "[\\s#,,、+:：]";
    /** A tracking number, dashes optional: with its district ({@code JZ0802-20261124-000012}) or from before ({@code JZ20261124-000012}). */
    private static final String TRACKING_NO = "([A-Z]{2}(?:\\d{4}-?)?\\d{8}-?\\d{6})";

    private static final Pattern ANSWER_FIRST =
            Pattern.compile(ANSWER + "(?:" + SEPARATOR + "+(\\d{4,6})|" + SEPARATOR + "*" + TRACKING_NO + ")");
    private static final Pattern CASE_FIRST =
            Pattern.compile("(?:(\\d{4,6})" + SEPARATOR + "+|" + TRACKING_NO + SEPARATOR + "*)" + ANSWER);

    private ReplyParser() {}

    /** The answer a reply gives and the case it names, or null when it gives no answer. */
    static @Nullable Reply parse(String text) {
        // NFKC folds full-width digits (１), letters and spaces into ASCII ones
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT)
                .strip()
                .replaceAll("[。.!!]+$", "");
        SurveyAnswer bare = ANSWERS.get(folded.replaceAll("\\s", ""));
        if (bare != null) {
            return new Reply(bare, null);
        }
        Matcher answerFirst = ANSWER_FIRST.matcher(folded);
        if (answerFirst.matches()) {
            return new Reply(
                    known(answerFirst.group(1)),
                    answerFirst.group(2) != null ? answerFirst.group(2) : answerFirst.group(3));
        }
        Matcher caseFirst = CASE_FIRST.matcher(folded);
        if (caseFirst.matches()) {
            return new Reply(
                    known(caseFirst.group(3)), caseFirst.group(1) != null ? caseFirst.group(1) : caseFirst.group(2));
        }
        return null;
    }

    /** The answer {@link #ANSWER} matched: the pattern lists exactly the words {@link #ANSWERS} knows. */
    private static SurveyAnswer known(String word) {
        return Objects.requireNonNull(ANSWERS.get(word), "ANSWER matches only the words ANSWERS knows");
    }

    private static SurveyAnswer answer(SurveyAnswer.Solved solved, SurveyAnswer.@Nullable Satisfaction satisfaction) {
        return new SurveyAnswer(solved, satisfaction, null, "SMS", null);
    }
}
