package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The survey list scripts list and backfill-index, with keys and arguments built as SurveyStore.list and
 * SurveyIndexBackfill build them.
 */
@ExtendWith(RedisScriptExtension.class)
class SurveyListScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;

    private static final String SURVEYS = key("surveys");
    private static final String SCRATCH = key("list-scratch");
    private static final String ALL = key("all");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    SurveyListScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @AfterEach
    void theScratchSetIsGone() {
        assertThat(redis.exists(SCRATCH)).isZero();
    }

    // list

    @Test
    void aHeadHoldsTheTotalAndTheNewestIdsWithTheirClosingTimesNotTheSurveys() {
        file(1, "ANSWERED", "SMS");
        file(2, "SCHEDULED", "SMS");
        file(3, "ANSWERED", "WECHAT");

        assertThat(list(List.of(ALL), 20)).isEqualTo(head(3, 3, 2, 1));
    }

    @Test
    void anEmptyScopeListsNothing() {
        assertThat(list(List.of(ALL), 20)).isEqualTo(head(0));
    }

    @Test
    void theCountCutsTheHeadAndTheTotalCountsTheWholeScope() {
        for (int i = 1; i <= 5; i++) {
            file(i, "ANSWERED", "SMS");
        }

        assertThat(list(List.of(ALL), 2)).isEqualTo(head(5, 5, 4));
        assertThat(list(List.of(ALL), 0)).isEqualTo(head(5));
    }

    @Test
    void filtersIntersectWithTheScopeAndTheTotalCountsOnlyWhatPasses() {
        file(1, "ANSWERED", "SMS");
        file(2, "ANSWERED", "WECHAT");
        file(3, "SCHEDULED", "SMS");
        file(4, "ANSWERED", "SMS");
        redis.zrem(key("by-district", "解放区"), id(4)); // another district's

        assertThat(list(List.of(key("by-district", "解放区"), key("by-status", "ANSWERED"), key("by-channel", "SMS")), 20))
                .isEqualTo(head(1, 1));
    }

    @Test
    void aFilterNoSurveyPassesListsNothing() {
        file(1, "ANSWERED", "SMS");

        assertThat(list(List.of(ALL, key("by-answer", "NOT_SOLVED")), 20)).isEqualTo(head(0));
    }

    // backfill-index

    @Test
    void aSurveyWhoseStatusIsAsReadJoinsTheIndexesItNamesScoredByClosingTime() {
        redis.hset(SURVEYS, id(1), survey(1, "ANSWERED"));
        Read read = new Read(1, "ANSWERED", facets("ANSWERED", "SMS", "st-7"));

        assertThat(backfill(read)).isEqualTo(1L);
        for (String index : read.indexes) {
            assertThat(redis.zscore(index, id(1))).as(index).isEqualTo((double) closed(1));
        }
    }

    @Test
    void aSurveyWhoseStatusChangedSinceItWasReadIsLeftToTheChange() {
        redis.hset(SURVEYS, id(1), survey(1, "ANSWERED"));

        assertThat(backfill(new Read(1, "SENT", facets("SENT", "SMS", "st-7")))).isEqualTo(0L);
        assertThat(redis.keys("*")).containsExactly(SURVEYS);
    }

    @Test
    void aSurveyGoneSinceItWasReadIsSkipped() {
        assertThat(backfill(new Read(1, "ANSWERED", facets("ANSWERED", "SMS", "st-7"))))
                .isEqualTo(0L);
        assertThat(redis.keys("*")).isEmpty();
    }

    @Test
    void aBatchCountsTheSurveysItIndexedAndFindsEachOnesIndexesByPosition() {
        redis.hset(SURVEYS, id(1), survey(1, "ANSWERED"));
        redis.hset(SURVEYS, id(2), survey(2, "SCHEDULED"));
        redis.hset(SURVEYS, id(3), survey(3, "EXPIRED"));

        assertThat(backfill(
                        new Read(1, "ANSWERED", facets("ANSWERED", "SMS", "st-7")),
                        new Read(2, "SCHEDULED", facets("SCHEDULED", "WECHAT", "st-7")),
                        new Read(3, "SENT", facets("SENT", "SMS", "st-9"))))
                .isEqualTo(2L);
        assertThat(redis.zrange(key("by-station", "st-7"), 0, -1)).containsExactly(id(1), id(2));
        assertThat(redis.zrange(key("by-channel", "SMS"), 0, -1)).containsExactly(id(1));
        assertThat(redis.zrange(key("by-channel", "WECHAT"), 0, -1)).containsExactly(id(2));
        assertThat(redis.exists(key("by-station", "st-9"), key("by-status", "SENT")))
                .isZero();
    }

    @Test
    void indexingASurveyAgainChangesNothing() {
        redis.hset(SURVEYS, id(1), survey(1, "ANSWERED"));
        Read read = new Read(1, "ANSWERED", facets("ANSWERED", "SMS", "st-7"));
        backfill(read);

        assertThat(backfill(read)).isEqualTo(1L);
        for (String index : read.indexes) {
            assertThat(redis.zcard(index)).as(index).isOne();
        }
    }

    @Test
    void anEmptyBatchIndexesNothing() {
        assertThat(scripts.run("survey/backfill-index", List.of(SURVEYS), List.of()))
                .isEqualTo(0L);
    }

    /** Stores a survey and puts it in the indexes schedule.lua keeps (scope, district, status, channel). */
    private void file(int n, String status, String channel) {
        redis.hset(SURVEYS, id(n), survey(n, status));
        for (String index :
                List.of(ALL, key("by-district", "解放区"), key("by-status", status), key("by-channel", channel))) {
            redis.zadd(index, closed(n), id(n));
        }
    }

    private Object list(List<String> indexes, long count) {
        List<String> keys = new ArrayList<>(List.of(SCRATCH));
        keys.addAll(indexes);
        return scripts.run("survey/list", keys, List.of(Long.toString(count)));
    }

    /** What list.lua answers: the total, then each survey's id and closing time, newest first. */
    private static List<String> head(int total, int... newestFirst) {
        List<String> reply = new ArrayList<>(List.of(Integer.toString(total)));
        for (int n : newestFirst) {
            reply.add(id(n));
            reply.add(Long.toString(closed(n)));
        }
        return reply;
    }

    /** The indexes SurveyStore.facetKeys names for a survey with an answer (status, channel, station, district, answer). */
    private static List<String> facets(String status, String channel, String station) {
        return List.of(
                key("by-status", status),
                key("by-channel", channel),
                key("by-station", station),
                key("by-district", "解放区"),
                key("by-answer", "SOLVED"));
    }

    /** One survey of a batch as SurveyIndexBackfill read it. */
    private record Read(int n, String status, List<String> indexes) {}

    /** As SurveyIndexBackfill.index: each distinct index gets a position in KEYS from 2 on. */
    private Object backfill(Read... batch) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Read read : batch) {
            List<String> named = read.indexes().stream()
                    .map(index -> Integer.toString(positions.computeIfAbsent(index, any -> positions.size() + 2)))
                    .toList();
            args.addAll(List.of(
                    id(read.n()), read.status(), Long.toString(closed(read.n())), Integer.toString(named.size())));
            args.addAll(named);
        }
        List<String> keys = new ArrayList<>(List.of(SURVEYS));
        keys.addAll(positions.keySet());
        return scripts.run("survey/backfill-index", keys, args);
    }

    private static String survey(int n, String status) {
        return "{\"id\":\"" + id(n) + "\",\"trackingNo\":\"JZ20261120-00000" + n + "\",\"status\":\"" + status
                + "\",\"closedAt\":\"2026-11-20T0" + n + ":00:00Z\"}";
    }

    private static long closed(int n) {
        return T0 + n * HOUR;
    }

    private static String id(int n) {
        return "sv-" + n;
    }

    private static String key(String... parts) {
        return KEYS.key("survey", parts);
    }
}
