package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.cityservice.redis.StreamEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The survey scripts: schedule, advance, answer and the event cursor, with keys built as SurveyStore builds them. A
 * survey's JSON holds only what the scripts read of it (status).
 */
@ExtendWith(RedisScriptExtension.class)
class SurveyScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String ID = "sv-JZ20261122-000123-6";
    private static final String PHONE = "13800138000";
    private static final long CLOSED_AT = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long NOW = CLOSED_AT + 86_400_000;

    private static final String SURVEYS = key("surveys");
    private static final String DUE = key("due");
    private static final String IN_FLIGHT = key("in-flight");
    private static final String ALL = key("all");
    private static final String HISTORY = key("history", ID);
    private static final String EVENTS = key("events");
    private static final String OPEN_BY_PHONE = key("open-by-phone", PHONE);
    private static final String REOPEN = key("reopen");
    private static final String REPLIES = key("replies");
    private static final String REPLIES_DUE = key("replies", "due");
    private static final String BY_RESIDENT = key("by-resident", "r-1");
    private static final String CURSOR = key("cursor");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    SurveyScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // schedule

    @Test
    void aClosingsSurveyIsScheduledWithItsIndexesHistoryAndEvent() {
        assertThat(schedule()).isEqualTo(1L);

        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("SCHEDULED"));
        assertThat(redis.zscore(DUE, ID)).isEqualTo(NOW + 0.0);
        assertThat(redis.zscore(ALL, ID)).isEqualTo(CLOSED_AT + 0.0);
        for (String index : facets("SCHEDULED", "NONE")) {
            assertThat(redis.zscore(index, ID)).as(index).isEqualTo(CLOSED_AT + 0.0);
        }
        assertThat(redis.smembers(BY_RESIDENT)).containsExactly(ID);
        assertThat(redis.lrange(HISTORY, 0, -1)).containsExactly(history("SCHEDULED"));
        assertThat(events()).containsExactly(event("SCHEDULED"));
    }

    @Test
    void aClosingReadTwiceSchedulesItsSurveyOnce() {
        schedule();
        redis.hset(SURVEYS, ID, survey("SENT")); // sent meanwhile

        assertThat(schedule()).isEqualTo(0L);
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("SENT"));
        assertThat(redis.llen(HISTORY)).isEqualTo(1L);
        assertThat(redis.xlen(EVENTS)).isEqualTo(1L);
    }

    // advance

    @Test
    void aStepOfASurveyStillWhereTheSenderFoundItIsRecordedAndEndsTheClaim() {
        claimed("SCHEDULED");
        String serial = key("by-serial", "sms-2026112210001");

        Object reply = advance(
                "SCHEDULED",
                "SENT",
                List.of("sms-2026112210001", Long.toString(NOW + 172_800_000), "add", Long.toString(NOW)));

        assertThat(reply).isEqualTo("ok");
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("SENT"));
        assertThat(redis.exists(IN_FLIGHT)).isZero();
        assertThat(redis.zscore(DUE, ID)).as("the reminder").isEqualTo(NOW + 172_800_000.0);
        assertThat(redis.exists(status("SCHEDULED"))).isZero();
        assertThat(redis.zscore(status("SENT"), ID)).isEqualTo(CLOSED_AT + 0.0);
        assertThat(redis.zscore(OPEN_BY_PHONE, ID)).isEqualTo(NOW + 0.0);
        assertThat(redis.get(serial)).isEqualTo(ID);
        assertThat(redis.ttl(serial)).isEqualTo(604_800L);
        assertThat(redis.lrange(HISTORY, 0, -1)).containsExactly(history("SENT"));
        assertThat(events()).containsExactly(event("SENT"));
    }

    @Test
    void aLastStepLeavesTheScheduleAndThePhoneIndex() {
        claimed("REMINDED");
        redis.zadd(OPEN_BY_PHONE, NOW - 172_800_000, ID);

        assertThat(advance("REMINDED", "EXPIRED", List.of("", "", "remove", "0")))
                .isEqualTo("ok");
        assertThat(redis.exists(DUE, IN_FLIGHT, OPEN_BY_PHONE, key("by-serial", "none")))
                .isZero();
        assertThat(redis.zscore(status("EXPIRED"), ID)).isEqualTo(CLOSED_AT + 0.0);
    }

    @Test
    void aStepOfASurveyThatMovedMeanwhileRecordsNothingButEndsTheClaim() {
        claimed("SENT");
        redis.hset(SURVEYS, ID, survey("ANSWERED")); // the resident answered while the reminder was being sent

        assertThat(advance("SENT", "REMINDED", List.of("", Long.toString(NOW + 86_400_000), "", "0")))
                .isEqualTo("moved");
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("ANSWERED"));
        assertThat(redis.exists(IN_FLIGHT, DUE, HISTORY, EVENTS, status("REMINDED")))
                .isZero();
    }

    @Test
    void aStepOfASurveyThatIsGoneEndsTheClaim() {
        redis.zadd(IN_FLIGHT, NOW + 60_000, ID);

        assertThat(advance("SENT", "REMINDED", List.of("", "", "", "0"))).isEqualTo("moved");
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void stepsInOneCallAreTakenInOrderEachOnWhatTheOnesBeforeLeft() {
        claimed("SCHEDULED");
        List<String> sent = List.of("sms-2026112210001", Long.toString(NOW + 172_800_000), "add", Long.toString(NOW));

        // a second sender's step with the same survey, as claimed before the first one's was recorded
        Object reply = advance(List.of(step("SCHEDULED", "SENT", sent), step("SCHEDULED", "UNREACHABLE", sent)));

        assertThat(reply).isEqualTo("ok moved");
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("SENT"));
        assertThat(redis.lrange(HISTORY, 0, -1)).containsExactly(history("SENT"));
        assertThat(events()).containsExactly(event("SENT"));
        assertThat(redis.exists(status("UNREACHABLE"), IN_FLIGHT)).isZero();
    }

    // answer

    @Test
    void anAnswerToAnOpenSurveyClosesItQueuesTheReopeningAndTheAcknowledgement() {
        claimed("SENT");
        redis.zadd(OPEN_BY_PHONE, NOW - 3_600_000, ID);

        assertThat(answer("SENT", true, "reply-7")).isEqualTo("ok");
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(survey("ANSWERED"));
        assertThat(redis.exists(DUE, IN_FLIGHT, OPEN_BY_PHONE, status("SENT"), answer("NONE")))
                .isZero();
        for (String index : facets("ANSWERED", "NOT_SOLVED")) {
            assertThat(redis.zscore(index, ID)).as(index).isEqualTo(CLOSED_AT + 0.0);
        }
        assertThat(redis.zscore(REOPEN, ID)).isZero();
        assertThat(redis.hget(REPLIES, "reply-7")).isEqualTo(reply("reply-7"));
        assertThat(redis.zscore(REPLIES_DUE, "reply-7")).isEqualTo(NOW + 0.0);
        assertThat(redis.lrange(HISTORY, 0, -1)).containsExactly(history("ANSWERED"));
        assertThat(events()).containsExactly(event("ANSWERED"));
    }

    @Test
    void anAnswerThatNeitherReopensNorCameBySmsQueuesNothingMore() {
        claimed("REMINDED");

        assertThat(answer("REMINDED", false, "")).isEqualTo("ok");
        assertThat(redis.exists(REOPEN, REPLIES, REPLIES_DUE)).isZero();
    }

    @ParameterizedTest
    @EnumSource(names = {"SCHEDULED", "ANSWERED", "EXPIRED", "UNREACHABLE"})
    void anAnswerToASurveyNotOpenIsRefusedWithItsStatus(SurveyStatus status) {
        redis.hset(SURVEYS, ID, survey(status.name()));

        assertThat(answer(status.name(), true, "reply-7")).isEqualTo(status.name());
        assertNothingAnswered(survey(status.name()));
    }

    @Test
    void anAnswerReadBeforeAReminderIsToBeReadAgain() {
        claimed("REMINDED");

        assertThat(answer("SENT", true, "reply-7")).isEqualTo("reread");
        assertNothingAnswered(survey("REMINDED"));
        assertThat(redis.zscore(IN_FLIGHT, ID)).isNotNull();
    }

    @Test
    void anAnswerToASurveyThatDoesNotExistIsMissing() {
        assertThat(answer("SENT", true, "reply-7")).isEqualTo("missing");
        assertThat(redis.dbsize()).isZero();
    }

    // cursor

    @Test
    void theCursorMovesForwardFromNothing() {
        assertThat(cursor("1795831200000-0")).isEqualTo(1L);
        assertThat(redis.get(CURSOR)).isEqualTo("1795831200000-0");
    }

    @Test
    void theCursorComparesStreamIdsAsNumbersNotAsText() {
        cursor("999-9");

        assertThat(cursor("1000-0")).isEqualTo(1L);
        assertThat(cursor("1000-10")).isEqualTo(1L);
        assertThat(cursor("1000-9")).isEqualTo(0L);
        assertThat(redis.get(CURSOR)).isEqualTo("1000-10");
    }

    @Test
    void theCursorNeverMovesBackNorToWhereItIs() {
        cursor("1795831200000-3");

        assertThat(cursor("1795831199999-7")).isEqualTo(0L);
        assertThat(cursor("1795831200000-3")).isEqualTo(0L);
        assertThat(redis.get(CURSOR)).isEqualTo("1795831200000-3");
    }

    private void assertNothingAnswered(String stored) {
        assertThat(redis.hget(SURVEYS, ID)).isEqualTo(stored);
        assertThat(redis.exists(HISTORY, EVENTS, REOPEN, REPLIES, status("ANSWERED")))
                .isZero();
    }

    /** A survey in {@code status}, claimed by a sender, in the indexes of that status. */
    private void claimed(String status) {
        redis.hset(SURVEYS, ID, survey(status));
        redis.zadd(IN_FLIGHT, NOW + 60_000, ID);
        for (String index : facets(status, "NONE")) {
            redis.zadd(index, CLOSED_AT, ID);
        }
    }

    private Object schedule() {
        List<String> keys = new ArrayList<>(List.of(SURVEYS, DUE, ALL, HISTORY, EVENTS, BY_RESIDENT));
        keys.addAll(facets("SCHEDULED", "NONE"));
        List<String> args = new ArrayList<>(
                List.of(ID, survey("SCHEDULED"), Long.toString(NOW), Long.toString(CLOSED_AT), history("SCHEDULED")));
        args.add(StreamEntry.argument(JsonMapper.builder().build(), event("SCHEDULED")));
        return scripts.run("survey/schedule", keys, args);
    }

    /** One step in one call, as the sender's smallest batch. */
    private Object advance(String from, String to, List<String> sms) {
        return advance(List.of(step(from, to, sms)));
    }

    /** Several steps in one call, as the sender records them. */
    private Object advance(List<Map.Entry<List<String>, List<String>>> steps) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Integer.toString(steps.size())));
        for (Map.Entry<List<String>, List<String>> step : steps) {
            keys.addAll(step.getKey());
            args.add(Integer.toString(step.getKey().size()));
            args.addAll(step.getValue());
        }
        return scripts.run("survey/advance", keys, args);
    }

    /**
     * A step's keys and arguments. {@code sms}: serial ('' none), next due ('' none), phone index ('add', 'remove',
     * ''), its score.
     */
    private Map.Entry<List<String>, List<String>> step(String from, String to, List<String> sms) {
        List<String> keys = new ArrayList<>(List.of(
                SURVEYS,
                IN_FLIGHT,
                DUE,
                HISTORY,
                EVENTS,
                OPEN_BY_PHONE,
                key("by-serial", sms.get(0).isEmpty() ? "none" : sms.get(0))));
        keys.add(status(from));
        keys.addAll(facets(to, "NONE"));
        List<String> args = new ArrayList<>(List.of(
                ID,
                from,
                survey(to),
                sms.get(1),
                history(to),
                sms.get(2),
                sms.get(3),
                sms.get(0),
                "1",
                Long.toString(CLOSED_AT)));
        args.add(StreamEntry.argument(JsonMapper.builder().build(), event(to)));
        return Map.entry(keys, args);
    }

    /** A "not solved" answer, which reopens the case when {@code reopens}; {@code replyId} the SMS acknowledging it ('' none). */
    private Object answer(String readIn, boolean reopens, String replyId) {
        List<String> keys = new ArrayList<>(
                List.of(SURVEYS, DUE, IN_FLIGHT, HISTORY, EVENTS, OPEN_BY_PHONE, REOPEN, REPLIES, REPLIES_DUE));
        keys.addAll(List.of(status(readIn), answer("NONE")));
        keys.addAll(facets("ANSWERED", "NOT_SOLVED"));
        List<String> args =
                new ArrayList<>(List.of(ID, readIn, survey("ANSWERED"), history("ANSWERED"), reopens ? "1" : "0"));
        args.addAll(replyId.isEmpty() ? List.of("", "", "") : List.of(replyId, reply(replyId), Long.toString(NOW)));
        args.addAll(List.of("2", Long.toString(CLOSED_AT)));
        args.add(StreamEntry.argument(JsonMapper.builder().build(), event("ANSWERED")));
        return scripts.run("survey/answer", keys, args);
    }

    private Object cursor(String eventId) {
        return scripts.run("survey/cursor", List.of(CURSOR), List.of(eventId));
    }

    /** The staff list's indexes of a survey sent by SMS, of station st-7 in 中站区, besides all. */
    private static List<String> facets(String status, String answer) {
        return List.of(
                status(status),
                key("by-channel", "SMS"),
                key("by-station", "st-7"),
                key("by-district", "中站区"),
                answer(answer));
    }

    private List<Map<String, String>> events() {
        return redis.xrange(EVENTS, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .toList();
    }

    private static String survey(String status) {
        return "{\"id\":\"" + ID + "\",\"trackingNo\":\"JZ20261122-000123\",\"phone\":\"" + PHONE + "\",\"status\":\""
                + status + "\"}";
    }

    private static String history(String status) {
        return "{\"status\":\"" + status + "\",\"at\":\"2026-11-23T02:00:00Z\"}";
    }

    private static String reply(String id) {
        return "{\"id\":\"" + id + "\",\"phone\":\"" + PHONE + "\",\"text\":\"您的回访评价已收到\"}";
    }

    private static Map<String, String> event(String type) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("surveyId", ID);
        event.put("trackingNo", "JZ20261122-000123");
        return event;
    }

    private static String status(String status) {
        return key("by-status", status);
    }

    private static String answer(String answer) {
        return key("by-answer", answer);
    }

    private static String key(String... parts) {
        return KEYS.key("survey", parts);
    }
}
