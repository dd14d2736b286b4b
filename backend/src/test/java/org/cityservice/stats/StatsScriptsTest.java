package org.cityservice.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The statistics script count, with keys and arguments built as StatsStore.count builds them. */
@ExtendWith(RedisScriptExtension.class)
class StatsScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final long GENERATION = 3;
    private static final String CASE = "JZ20261122-000123";
    private static final List<String> GROUPS =
            List.of("city|全市", "district|解放区", "subdistrict|焦南街道", "station|st-7", "category|street-vending");

    private static final String CURSOR = key("cursor", "complaint");
    private static final String DAY = key("day", "20261122");
    private static final String LATE = key("late");
    private static final String CLOSED = key("closed");
    private static final String REWORKED = key("reworked");
    private static final String RECORD = key("keys");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    StatsScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void anEventCountsEachOfItsCountersInEveryGroupAndMovesTheCursorToIt() {
        assertThat(count("1795831200000-0", CASE, "", "received")).isEqualTo(1L);

        assertThat(redis.get(CURSOR)).isEqualTo("1795831200000-0");
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("received", "1")));
        assertThat(redis.exists(LATE, CLOSED, REWORKED)).isZero();
    }

    @Test
    void severalCountersOfOneEventAreEachCounted() {
        count("1795831200000-0", CASE, "", "respondedOnTime,dueToClose");

        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("respondedOnTime", "1", "dueToClose", "1")));
    }

    @Test
    void theSameEventCountedAgainCountsNothing() {
        count("1795831200000-0", CASE, "", "received");

        assertThat(count("1795831200000-0", CASE, "", "received")).isEqualTo(0L);
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("received", "1")));
    }

    @Test
    void anEventBeforeTheCursorCountsNothingAndLeavesTheCursor() {
        count("1795831200000-5", CASE, "", "received");

        assertThat(count("1795831200000-4", "JZ20261122-000124", "", "received"))
                .isEqualTo(0L);
        assertThat(count("1795831199999-9", "JZ20261122-000124", "", "received"))
                .isEqualTo(0L);
        assertThat(redis.get(CURSOR)).isEqualTo("1795831200000-5");
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("received", "1")));
    }

    @Test
    void eventIdsCompareAsNumbersNotAsText() {
        redis.set(CURSOR, "999-9");

        assertThat(count("1000-0", CASE, "", "received")).as("a later time").isEqualTo(1L);
        redis.set(CURSOR, "1000-9");
        assertThat(count("1000-10", CASE, "", "received"))
                .as("a later sequence")
                .isEqualTo(1L);
        assertThat(redis.get(CURSOR)).isEqualTo("1000-10");
    }

    @Test
    void theFirstCloseOfACaseNeverLateCountsAsClosedOnTime() {
        assertThat(count("1795831200000-0", CASE, "closed", "")).isEqualTo(1L);

        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("closed", "1", "closedOnTime", "1")));
        assertThat(redis.smembers(CLOSED)).containsExactly(CASE);
    }

    @Test
    void aCaseLateAtSomeStageIsClosedButNotOnTime() {
        count("1795831200000-0", CASE, "late", "");

        assertThat(count("1795831260000-0", CASE, "closed", "")).isEqualTo(1L);
        assertThat(redis.smembers(LATE)).containsExactly(CASE);
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("closed", "1")));
    }

    @Test
    void anEventLateAndClosingAtOnceIsNotClosedOnTime() {
        count("1795831200000-0", CASE, "late,closed", "");

        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("closed", "1")));
    }

    @Test
    void aLateMarkAloneCountsNoCounter() {
        assertThat(count("1795831200000-0", CASE, "late", "")).isEqualTo(1L);

        assertThat(redis.smembers(LATE)).containsExactly(CASE);
        assertThat(redis.exists(DAY)).isZero();
    }

    @Test
    void aCaseClosedAgainAfterReopeningIsClosedOnceInTheCounts() {
        count("1795831200000-0", CASE, "closed", "");

        assertThat(count("1795917600000-0", CASE, "closed", "")).isEqualTo(1L);
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("closed", "1", "closedOnTime", "1")));
        assertThat(redis.get(CURSOR)).isEqualTo("1795917600000-0");
    }

    @Test
    void aCaseSentBackIsReworkedOnceHoweverOften() {
        assertThat(count("1795831200000-0", CASE, "rework", "")).isEqualTo(1L);
        count("1795831260000-0", CASE, "rework", "");

        assertThat(redis.smembers(REWORKED)).containsExactly(CASE);
        assertThat(redis.hgetall(DAY)).isEqualTo(perGroup(Map.of("reworked", "1")));
    }

    @Test
    void theGenerationRecordsTheCursorAndDayKeysItWroteSoItCanBeDeletedWithoutAScan() {
        count("1795831200000-0", CASE, "", "received");
        count("1795831260000-0", CASE, "", "received");

        assertThat(redis.smembers(RECORD)).containsExactlyInAnyOrder(CURSOR, DAY);
    }

    @Test
    void aMarkIsMatchedWholeNotAsPartOfAnotherWord() {
        count("1795831200000-0", CASE, "lateish,closedown", "");

        assertThat(redis.exists(LATE, CLOSED, DAY)).isZero();
    }

    @Test
    void skippingAnEventThatCountsForNothingOnlyMovesTheCursor() {
        assertThat(scripts.run(
                        "stats/count",
                        List.of(CURSOR, key("day", "19700101"), LATE, CLOSED, REWORKED, RECORD),
                        List.of("1795831200000-0", "", "", "")))
                .isEqualTo(1L);
        assertThat(redis.keys("*")).containsExactlyInAnyOrder(CURSOR, RECORD);
        assertThat(redis.smembers(RECORD)).containsExactly(CURSOR); // no day written, none recorded
        assertThat(redis.get(CURSOR)).isEqualTo("1795831200000-0");
    }

    private Object count(String eventId, String trackingNo, String marks, String counters) {
        List<String> args = new ArrayList<>(List.of(eventId, trackingNo, marks, counters));
        args.addAll(GROUPS);
        return scripts.run("stats/count", List.of(CURSOR, DAY, LATE, CLOSED, REWORKED, RECORD), args);
    }

    /** Each counter once for every group: "dimension|value|counter" → n. */
    private static Map<String, String> perGroup(Map<String, String> counters) {
        Map<String, String> expected = new HashMap<>();
        for (String group : GROUPS) {
            counters.forEach((name, n) -> expected.put(group + "|" + name, n));
        }
        return expected;
    }

    private static String key(String... parts) {
        String[] all = new String[parts.length + 1];
        all[0] = "g" + GENERATION;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return KEYS.key("stats", all);
    }
}
