package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lettuce.core.GeoCoordinates;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The listing scripts save, delete and changes, on the keys ListingStore builds for community stations. */
@ExtendWith(RedisScriptExtension.class)
class ListingScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String TAG = "listing:station";
    private static final String ITEMS = KEYS.key(TAG, "items");
    private static final String GEO = KEYS.key(TAG, "geo");
    private static final String ORDER = KEYS.key(TAG, "order");
    private static final String REVISION = KEYS.key(TAG, "revision");
    private static final String CHANGES = KEYS.key(TAG, "changes");
    private static final String ID = "st-7";
    private static final long CREATED = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    ListingScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // save

    @Test
    void aNewListingIsVersionOneInEveryIndex() {
        assertThat(save(0, "中站区", 113.1702, 35.2391, CREATED)).isEqualTo("ok 1");

        assertThat(redis.hget(ITEMS, ID))
                .isEqualTo("{\"version\":1,\"listing\":" + listing("中站区", 113.1702, 35.2391) + "}");
        assertThat(redis.zscore(ORDER, ID)).isEqualTo(CREATED + 0.0);
        assertThat(redis.zscore(district("中站区"), ID)).isEqualTo(CREATED + 0.0);
        assertThat(position().getX().doubleValue()).isCloseTo(113.1702, within(1e-4));
        assertThat(position().getY().doubleValue()).isCloseTo(35.2391, within(1e-4));
    }

    @Test
    void aNewListingWhoseIdIsTakenIsAConflictAndChangesNothing() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(save(0, "解放区", 113.2418, 35.2152, CREATED + 1_000)).isEqualTo("conflict 1");
        assertThat(redis.hget(ITEMS, ID)).contains(listing("中站区", 113.1702, 35.2391));
        assertThat(redis.exists(district("解放区"))).isZero();
        assertThat(redis.zscore(ORDER, ID)).isEqualTo(CREATED + 0.0);
    }

    @Test
    void anUpdateKeepsTheListingsPlaceInTheOrderAndMovesItOnTheMap() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(save(1, "中站区", 113.1800, 35.2400, CREATED + 60_000)).isEqualTo("ok 2");
        assertThat(redis.hget(ITEMS, ID))
                .isEqualTo("{\"version\":2,\"listing\":" + listing("中站区", 113.1800, 35.2400) + "}");
        assertThat(redis.zscore(ORDER, ID)).isEqualTo(CREATED + 0.0);
        assertThat(redis.zscore(district("中站区"), ID)).isEqualTo(CREATED + 0.0);
        assertThat(position().getX().doubleValue()).isCloseTo(113.1800, within(1e-4));
    }

    @Test
    void anUpdateToAnotherDistrictLeavesTheOldDistrictsIndex() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(scripts.run(
                        "listing/save",
                        List.of(ITEMS, GEO, ORDER, district("解放区"), district("中站区"), REVISION, CHANGES),
                        List.of(
                                ID,
                                "1",
                                listing("解放区", 113.2418, 35.2152),
                                "113.2418",
                                "35.2152",
                                Long.toString(CREATED + 60_000))))
                .isEqualTo("ok 2");
        assertThat(redis.exists(district("中站区"))).isZero();
        assertThat(redis.zscore(district("解放区"), ID)).isEqualTo(CREATED + 0.0);
    }

    @Test
    void anUpdateFromAVersionSomebodyChangedMeanwhileIsAConflictAndChangesNothing() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(1, "中站区", 113.1800, 35.2400, CREATED);

        assertThat(save(1, "中站区", 113.1900, 35.2500, CREATED)).isEqualTo("conflict 2");
        assertThat(redis.hget(ITEMS, ID)).startsWith("{\"version\":2,").contains(listing("中站区", 113.1800, 35.2400));
        assertThat(position().getX().doubleValue()).isCloseTo(113.1800, within(1e-4));
    }

    // delete

    @Test
    void aDeletedListingLeavesEveryIndex() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        redis.hset(ITEMS, "st-8", "{\"version\":1,\"listing\":{}}");

        assertThat(delete(1)).isEqualTo("ok 0");
        assertThat(redis.hkeys(ITEMS)).containsExactly("st-8");
        assertThat(redis.exists(GEO, ORDER, district("中站区"))).isZero();
    }

    @Test
    void aDeleteFromAVersionSomebodyChangedMeanwhileIsAConflictAndKeepsTheListing() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(1, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(delete(1)).isEqualTo("conflict 2");
        assertThat(redis.hexists(ITEMS, ID)).isTrue();
        assertThat(redis.exists(GEO, ORDER, district("中站区"))).isEqualTo(3L);
    }

    @Test
    void aDeleteOfAListingThatIsGoneIsMissing() {
        assertThat(delete(1)).isEqualTo("missing 0");
        assertThat(redis.dbsize()).isZero();
    }

    // the change log the nearby index follows

    @Test
    void everySaveAndDeleteIsAChangeInOrderAndARefusedOneIsNot() {
        long before = micros();
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(0, "中站区", 113.1702, 35.2391, CREATED); // conflict
        save(1, "中站区", 113.1800, 35.2400, CREATED);
        delete(1); // conflict
        delete(2);

        long last = revision();
        long first = last - 2;
        assertThat(first).as("a log starts at the clock's microseconds").isBetween(before, micros());
        assertThat(changes(first - 1, 100)).isEqualTo("changes " + last + " st-7 st-7 st-7");
        assertThat(changes(first, 100)).isEqualTo("changes " + last + " st-7 st-7");
        assertThat(changes(first, 1)).isEqualTo("changes " + (first + 1) + " st-7");
    }

    @Test
    void aReaderThatKnowsTheLatestRevisionHearsNothingNew() {
        assertThat(changes(0, 100)).isEqualTo("same 0");
        save(0, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(changes(revision(), 100)).isEqualTo("same " + revision());
    }

    @Test
    void aReaderOfAnEmptyStoreLoadsAtItsFirstChange() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(changes(0, 100)).isEqualTo("reload " + revision());
    }

    @Test
    void aStoreThatWentBackMakesTheReaderLoadAgain() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(1, "中站区", 113.1702, 35.2391, CREATED);
        long known = revision();
        redis.flushall(); // emptied, or restored from an older backup

        assertThat(changes(known, 100)).isEqualTo("reload 0");
    }

    @Test
    void aStoreEmptiedAndWrittenAsOftenAgainIsAheadOfTheReaderNotLevelWithIt() {
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(1, "中站区", 113.1702, 35.2391, CREATED);
        long known = revision();
        redis.flushall();
        save(0, "中站区", 113.1702, 35.2391, CREATED);
        save(1, "中站区", 113.1702, 35.2391, CREATED);

        assertThat(revision()).isGreaterThan(known);
        assertThat(changes(known, 100)).isEqualTo("reload " + revision());
    }

    @Test
    void aLogTrimmedPastWhatTheReaderKnowsMakesItLoadAgain() {
        for (int i = 0; i < 1_500; i++) {
            save(i, "中站区", 113.1702, 35.2391, CREATED);
        }
        long last = revision();

        assertThat(redis.xlen(CHANGES)).isBetween(1_000L, 1_499L);
        assertThat(changes(last - 1_499, 100)).isEqualTo("reload " + last);
        assertThat(changes(last - 1, 100)).isEqualTo("changes " + last + " st-7");
    }

    private long revision() {
        return Long.parseLong(redis.get(REVISION));
    }

    private static long micros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private Object changes(long known, int max) {
        return scripts.run(
                "redis/changes", List.of(REVISION, CHANGES), List.of(Long.toString(known), Integer.toString(max)));
    }

    /** Saves st-7 in {@code district}, where it was before too, as ListingStore does at {@code now}. */
    private Object save(long expected, String district, double lng, double lat, long now) {
        return scripts.run(
                "listing/save",
                List.of(ITEMS, GEO, ORDER, district(district), district(district), REVISION, CHANGES),
                List.of(
                        ID,
                        Long.toString(expected),
                        listing(district, lng, lat),
                        Double.toString(lng),
                        Double.toString(lat),
                        Long.toString(now)));
    }

    private Object delete(long expected) {
        return scripts.run(
                "listing/delete",
                List.of(ITEMS, GEO, ORDER, district("中站区"), REVISION, CHANGES),
                List.of(ID, Long.toString(expected)));
    }

    private GeoCoordinates position() {
        return redis.geopos(GEO, ID).get(0);
    }

    private static String listing(String district, double lng, double lat) {
        return "{\"id\":\"" + ID + "\",\"name\":\"府城社区城管服务站\",\"district\":\"" + district + "\",\"location\":{\"lat\":"
                + lat + ",\"lng\":" + lng + "}}";
    }

    private static String district(String district) {
        return KEYS.key(TAG, "district", district);
    }
}
