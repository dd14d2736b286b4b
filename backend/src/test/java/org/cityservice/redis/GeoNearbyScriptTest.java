package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The script geo-nearby, on the keys ListingStore (community stations) and OpenCases (open cases of a category)
 * build.
 */
@ExtendWith(RedisScriptExtension.class)
class GeoNearbyScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GEO = KEYS.key("listing:station", "geo");
    private static final String ITEMS = KEYS.key("listing:station", "items");
    private static final double LNG = 113.2418;
    private static final double LAT = 35.2152;
    /** One thousandth of a degree of latitude, in metres (Redis's earth radius, 6372797.560856 m). */
    private static final double MILLI_DEGREE = 6_372_797.560856 * Math.PI / 180 / 1000;

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    GeoNearbyScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void theMembersWithinTheRadiusComeNearestFirstWithTheirDistanceAndStoredJson() {
        station("st-far", 3);
        station("st-near", 1);
        station("st-mid", 2);

        List<Map<String, Object>> hits = near(LNG, LAT, 1_000, 10);
        assertThat(hits).extracting(hit -> id(hit)).containsExactly("st-near", "st-mid", "st-far");
        for (int i = 0; i < 3; i++) {
            assertThat(((Number) hits.get(i).get("distance")).doubleValue())
                    .isCloseTo((i + 1) * MILLI_DEGREE, within(1.0));
        }
        assertThat(hits.get(0).get("item")).isEqualTo(JSON.readValue(redis.hget(ITEMS, "st-near"), Map.class));
    }

    @Test
    void theReplyIsAJsonArrayOfDistanceAndTheStoredItemVerbatim() {
        station("st-near", 1);

        String reply = (String) run(LNG, LAT, 1_000, 10);
        assertThat(reply).matches("\\[\\{\"distance\":\\d+\\.\\d+,\"item\":.*}]");
        assertThat(reply).endsWith(",\"item\":" + redis.hget(ITEMS, "st-near") + "}]");
    }

    @Test
    void membersBeyondTheRadiusAreLeftOut() {
        station("st-near", 1);
        station("st-far", 3);

        assertThat(near(LNG, LAT, (int) (2 * MILLI_DEGREE), 10))
                .extracting(hit -> id(hit))
                .containsExactly("st-near");
    }

    @Test
    void atMostTheCountAskedForComeBackTheNearest() {
        for (int i = 1; i <= 5; i++) {
            station("st-" + i, i);
        }

        assertThat(near(LNG, LAT, 10_000, 2)).extracting(hit -> id(hit)).containsExactly("st-1", "st-2");
    }

    @Test
    void nothingNearIsAnEmptyArray() {
        station("st-far", 50);

        assertThat(run(LNG, LAT, 1_000, 10)).isEqualTo("[]");
    }

    @Test
    void anEmptyOrMissingSetIsAnEmptyArray() {
        assertThat(run(LNG, LAT, 1_000, 10)).isEqualTo("[]");
    }

    @Test
    void aMemberWhoseItemIsGoneIsLeftOut() {
        station("st-near", 1);
        station("st-mid", 2);
        redis.hdel(ITEMS, "st-near");

        assertThat(near(LNG, LAT, 1_000, 10)).extracting(hit -> id(hit)).containsExactly("st-mid");
    }

    @Test
    void moreHitsThanOneReadOfTheItemsTakesAreAllReturnedInOrder() {
        int many = 1_001; // past two slices of 500
        for (int i = 0; i < many; i++) {
            station(String.format("st-%04d", i), i * 0.01);
        }

        List<Map<String, Object>> hits = near(LNG, LAT, 10_000, many);
        assertThat(hits).hasSize(many);
        assertThat(id(hits.get(0))).isEqualTo("st-0000");
        assertThat(id(hits.get(many - 1))).isEqualTo(String.format("st-%04d", many - 1));
        assertThat(hits)
                .extracting(hit -> ((Number) hit.get("distance")).doubleValue())
                .isSorted();
    }

    @Test
    void theOpenCasesOfACategoryAreSearchedTheSameWay() {
        String geo = KEYS.key("complaint", "open-geo", "street-vending");
        String cases = KEYS.key("complaint", "cases");
        redis.geoadd(geo, LNG, LAT + 0.001, "JZ20261122-000123");
        redis.hset(cases, "JZ20261122-000123", "{\"trackingNo\":\"JZ20261122-000123\",\"status\":\"RECEIVED\"}");

        assertThat(scripts.run(
                        "redis/geo-nearby",
                        List.of(geo, cases),
                        List.of(Double.toString(LNG), Double.toString(LAT), "500", "5")))
                .asString()
                .contains("\"item\":{\"trackingNo\":\"JZ20261122-000123\",\"status\":\"RECEIVED\"}");
    }

    /** A station {@code milliDegrees} thousandths of a degree north of the search point, stored as ListingStore stores it. */
    private void station(String id, double milliDegrees) {
        redis.geoadd(GEO, LNG, LAT + milliDegrees / 1000, id);
        redis.hset(ITEMS, id, "{\"version\":1,\"listing\":{\"id\":\"" + id + "\",\"name\":\"社区服务站 " + id + "\"}}");
    }

    private Object run(double lng, double lat, int radius, int count) {
        return scripts.run(
                "redis/geo-nearby",
                List.of(GEO, ITEMS),
                List.of(Double.toString(lng), Double.toString(lat), Integer.toString(radius), Integer.toString(count)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> near(double lng, double lat, int radius, int count) {
        return JSON.readValue((String) run(lng, lat, radius, count), List.class);
    }

    @SuppressWarnings("unchecked")
    private static String id(Map<String, Object> hit) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) hit.get("item")).get("listing")).get("id");
    }
}
