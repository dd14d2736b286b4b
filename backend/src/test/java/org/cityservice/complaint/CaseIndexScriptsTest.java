package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lettuce.core.GeoCoordinates;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-off index scripts backfill-index (the staff list's indexes) and backfill-open (the nearby search's GEO
 * sets), with keys and arguments built as CaseIndexBackfill and OpenCases build them.
 */
@ExtendWith(RedisScriptExtension.class)
class CaseIndexScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String CASE = "JZ20261122-000123";
    private static final String OTHER_CASE = "JZ20261122-000124";
    private static final long CREATED = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long DUE_AT = CREATED + 4 * 3_600_000;

    private static final String CASES = key("cases");
    private static final String ALERT_YELLOW = key("by-alert", "YELLOW");
    private static final String ALERT_RED = key("by-alert", "RED");
    private static final String DEADLINES = key("by-deadline");
    private static final String OPEN_MARKER = key("open-geo-backfilled");
    /** The open statuses, in ComplaintStatus order, as OpenCases passes their indexes. */
    private static final List<String> OPEN = Arrays.stream(ComplaintStatus.values())
            .filter(ComplaintStatus::open)
            .map(Enum::name)
            .toList();

    private static final List<String> CATEGORIES = List.of("street-vending", "road-damage");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    CaseIndexScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // backfill-index

    @Test
    void aCaseUnchangedSinceItWasReadJoinsEachIndexItNamesAndTheDeadlineOrder() {
        stored(CASE, 3, "NONE");
        Indexed c = new Indexed(CASE, 3, facets("DISPATCHED", "st-7", "street-vending"));

        assertThat(backfill(c)).isEqualTo(1L);
        for (String index : c.indexes) {
            assertThat(redis.zscore(index, CASE)).as(index).isEqualTo((double) CREATED);
        }
        assertThat(redis.zscore(DEADLINES, CASE)).isEqualTo((double) DUE_AT);
        assertThat(redis.exists(ALERT_YELLOW, ALERT_RED)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"YELLOW", "RED"})
    void aMarkedCaseJoinsTheIndexOfItsStoredMark(String level) {
        stored(CASE, 1, level);

        assertThat(backfill(new Indexed(CASE, 1, facets("DISPATCHED", "st-7", "street-vending"))))
                .isEqualTo(1L);
        assertThat(redis.zscore(key("by-alert", level), CASE)).isEqualTo((double) CREATED);
        String other = level.equals("YELLOW") ? ALERT_RED : ALERT_YELLOW;
        assertThat(redis.exists(other)).isZero();
    }

    @Test
    void aCaseWithoutAClockStaysOutOfTheDeadlineOrderAndTheMarks() {
        redis.hset(
                CASES, CASE, "{\"trackingNo\":\"" + CASE + "\",\"status\":\"CLOSED\",\"deadline\":null,\"version\":5}");
        Indexed c = new Indexed(CASE, 5, facets("CLOSED", "st-7", "street-vending"));
        c.due = "";

        assertThat(backfill(c)).isEqualTo(1L);
        assertThat(redis.zscore(key("by-status", "CLOSED"), CASE)).isEqualTo((double) CREATED);
        assertThat(redis.exists(DEADLINES, ALERT_YELLOW, ALERT_RED)).isZero();
    }

    @Test
    void aCaseChangedSinceItWasReadIsLeftToTheChange() {
        stored(CASE, 4, "YELLOW");

        assertThat(backfill(new Indexed(CASE, 3, facets("DISPATCHED", "st-7", "street-vending"))))
                .isEqualTo(0L);
        assertThat(redis.keys("*")).containsExactly(CASES);
    }

    @Test
    void aCaseGoneSinceItWasReadIsSkipped() {
        assertThat(backfill(new Indexed(CASE, 1, facets("RECEIVED", "st-7", "street-vending"))))
                .isEqualTo(0L);
        assertThat(redis.keys("*")).isEmpty();
    }

    @Test
    void aBatchCountsOnlyTheCasesItIndexedAndFindsEachOnesIndexesByPosition() {
        stored(CASE, 1, "NONE");
        stored(OTHER_CASE, 2, "RED");
        stored("JZ20261122-000125", 7, "NONE");
        Indexed first = new Indexed(CASE, 1, facets("RECEIVED", "st-7", "street-vending"));
        Indexed second = new Indexed(OTHER_CASE, 2, facets("DISPATCHED", "st-9", "street-vending"));
        second.created = CREATED + 60_000;
        Indexed changed = new Indexed("JZ20261122-000125", 6, facets("RECEIVED", "st-7", "road-damage"));

        assertThat(backfill(first, second, changed)).isEqualTo(2L);
        assertThat(redis.zrange(key("by-category", "street-vending"), 0, -1)).containsExactly(CASE, OTHER_CASE);
        assertThat(redis.zscore(key("by-category", "street-vending"), OTHER_CASE))
                .isEqualTo(CREATED + 60_000.0);
        assertThat(redis.zrange(key("by-station", "st-7"), 0, -1)).containsExactly(CASE);
        assertThat(redis.zrange(key("by-station", "st-9"), 0, -1)).containsExactly(OTHER_CASE);
        assertThat(redis.zrange(ALERT_RED, 0, -1)).containsExactly(OTHER_CASE);
        assertThat(redis.exists(key("by-category", "road-damage")))
                .as("the changed case's")
                .isZero();
        assertThat(redis.zrange(DEADLINES, 0, -1)).containsExactly(CASE, OTHER_CASE);
    }

    @Test
    void indexingACaseAgainChangesNothing() {
        stored(CASE, 1, "YELLOW");
        Indexed c = new Indexed(CASE, 1, facets("RECEIVED", "st-7", "street-vending"));
        backfill(c);
        Map<String, Double> before = scoresOf(CASE, c.indexes);

        assertThat(backfill(c)).isEqualTo(1L);
        assertThat(scoresOf(CASE, c.indexes)).isEqualTo(before);
        assertThat(redis.zcard(ALERT_YELLOW)).isOne();
    }

    @Test
    void anEmptyBatchIndexesNothing() {
        assertThat(scripts.run(
                        "complaint/backfill-index", List.of(CASES, ALERT_YELLOW, ALERT_RED, DEADLINES), List.of()))
                .isEqualTo(0L);
    }

    // backfill-open

    @Test
    void theOpenCasesJoinTheGeoSetOfTheirCategoryAndTheMarkerSaysHowMany() {
        located(CASE, "RECEIVED", "street-vending", 113.1702, 35.2391);
        located(OTHER_CASE, "DISPATCHED", "road-damage", 113.2418, 35.2152);
        located("JZ20261122-000125", "REOPENED", "street-vending", 113.1800, 35.2400);

        assertThat(backfillOpen()).isEqualTo(3L);
        assertThat(redis.zrange(openGeo("street-vending"), 0, -1)).containsExactlyInAnyOrder(CASE, "JZ20261122-000125");
        assertThat(redis.zrange(openGeo("road-damage"), 0, -1)).containsExactly(OTHER_CASE);
        GeoCoordinates at = redis.geopos(openGeo("road-damage"), OTHER_CASE).get(0);
        assertThat(at.getX().doubleValue()).isCloseTo(113.2418, within(1e-4));
        assertThat(at.getY().doubleValue()).isCloseTo(35.2152, within(1e-4));
        assertThat(redis.get(OPEN_MARKER)).isEqualTo("3");
    }

    @Test
    void aSecondRunAnswersMinusOneAndIndexesNothing() {
        backfillOpen();
        located(CASE, "RECEIVED", "street-vending", 113.1702, 35.2391);

        assertThat(backfillOpen()).isEqualTo(-1L);
        assertThat(redis.exists(openGeo("street-vending"))).isZero();
        assertThat(redis.get(OPEN_MARKER)).isEqualTo("0");
    }

    @Test
    void casesOfACategoryNoLongerOfferedOrWithoutAPlaceAreLeftOut() {
        located(CASE, "RECEIVED", "illegal-parking", 113.1702, 35.2391);
        redis.hset(
                CASES,
                OTHER_CASE,
                "{\"trackingNo\":\"" + OTHER_CASE
                        + "\",\"status\":\"RECEIVED\",\"category\":\"street-vending\",\"location\":null,"
                        + "\"address\":\"民主路 12 号\"}");
        redis.zadd(key("by-status", "RECEIVED"), CREATED, OTHER_CASE);

        assertThat(backfillOpen()).isEqualTo(0L);
        assertThat(redis.exists(openGeo("street-vending"), openGeo("illegal-parking")))
                .isZero();
        assertThat(redis.get(OPEN_MARKER)).isEqualTo("0");
    }

    @Test
    void anIndexedIdWhoseCaseIsGoneIsSkipped() {
        redis.zadd(key("by-status", "RECEIVED"), CREATED, CASE);
        located(OTHER_CASE, "RECEIVED", "street-vending", 113.1702, 35.2391);

        assertThat(backfillOpen()).isEqualTo(1L);
        assertThat(redis.zrange(openGeo("street-vending"), 0, -1)).containsExactly(OTHER_CASE);
    }

    @Test
    void onlyTheStatusIndexesPassedAreRead() {
        located(CASE, "CLOSED", "street-vending", 113.1702, 35.2391);

        assertThat(backfillOpen()).isEqualTo(0L);
        assertThat(redis.exists(openGeo("street-vending"))).isZero();
    }

    @Test
    void aStatusWithMoreCasesThanOneReadTakesIsReadWhole() {
        int many = 1_201; // past two slices of 500
        for (int i = 0; i < many; i++) {
            located(String.format("JZ20261122-%06d", i), "DISPATCHED", "street-vending", 113.17, 35.23 + i * 1e-5);
        }

        assertThat(backfillOpen()).isEqualTo((long) many);
        assertThat(redis.zcard(openGeo("street-vending"))).isEqualTo((long) many);
    }

    /** A case as the list indexes read it: version and 督办 mark. */
    private void stored(String trackingNo, long version, String alert) {
        redis.hset(
                CASES,
                trackingNo,
                "{\"trackingNo\":\"" + trackingNo
                        + "\",\"status\":\"DISPATCHED\",\"deadline\":{\"stage\":\"DISPATCHED\","
                        + "\"dueAt\":\"2026-11-22T06:00:00Z\",\"alert\":\"" + alert + "\"},\"version\":" + version
                        + "}");
    }

    /** The indexes CaseIndexBackfill names for a case (its facets but the marks). */
    private static List<String> facets(String status, String station, String category) {
        return List.of(
                key("by-status", status),
                key("by-station", station),
                key("by-district", "中站区"),
                key("by-subdistrict", "府城街道"),
                key("by-category", category),
                key("by-station-status", station, status),
                key("by-district-status", "中站区", status));
    }

    /** One case of a batch: what the caller read of it. */
    private static final class Indexed {

        final String trackingNo;
        final long version;
        final List<String> indexes;
        long created = CREATED;
        String due = Long.toString(DUE_AT);

        Indexed(String trackingNo, long version, List<String> indexes) {
            this.trackingNo = trackingNo;
            this.version = version;
            this.indexes = indexes;
        }
    }

    /** As CaseIndexBackfill.index: each distinct index gets a position in KEYS from 5 on. */
    private Object backfill(Indexed... batch) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Indexed c : batch) {
            args.addAll(List.of(c.trackingNo, Long.toString(c.version), Long.toString(c.created), c.due));
            List<String> named = c.indexes.stream()
                    .distinct()
                    .map(index -> Integer.toString(positions.computeIfAbsent(index, any -> positions.size() + 5)))
                    .toList();
            args.add(Integer.toString(named.size()));
            args.addAll(named);
        }
        List<String> keys = new ArrayList<>(List.of(CASES, ALERT_YELLOW, ALERT_RED, DEADLINES));
        keys.addAll(positions.keySet());
        return scripts.run("complaint/backfill-index", keys, args);
    }

    private Map<String, Double> scoresOf(String member, List<String> indexes) {
        Map<String, Double> scores = new LinkedHashMap<>();
        indexes.forEach(index -> scores.put(index, redis.zscore(index, member)));
        scores.put(DEADLINES, redis.zscore(DEADLINES, member));
        return scores;
    }

    /** A case with a place, in the index of its status, as submit.lua left it before the GEO sets existed. */
    private void located(String trackingNo, String status, String category, double lng, double lat) {
        redis.hset(
                CASES,
                trackingNo,
                "{\"trackingNo\":\"" + trackingNo + "\",\"category\":\"" + category + "\",\"location\":{\"lat\":" + lat
                        + ",\"lng\":" + lng + "},\"status\":\"" + status + "\",\"version\":1}");
        redis.zadd(key("by-status", status), CREATED, trackingNo);
    }

    /** As OpenCases.backfill: the open statuses' indexes, then one GEO set per category offered. */
    private Object backfillOpen() {
        List<String> keys = new ArrayList<>(List.of(CASES, OPEN_MARKER));
        OPEN.forEach(status -> keys.add(key("by-status", status)));
        List<String> args = new ArrayList<>(List.of(Integer.toString(OPEN.size())));
        CATEGORIES.forEach(category -> {
            keys.add(openGeo(category));
            args.add(category);
        });
        return scripts.run("complaint/backfill-open", keys, args);
    }

    private static String openGeo(String category) {
        return key("open-geo", category);
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
