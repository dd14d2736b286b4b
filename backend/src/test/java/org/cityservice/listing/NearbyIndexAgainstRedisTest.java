package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoWithin;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.cityservice.shared.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property of the in-memory index: on random places and random searches it answers what Redis GEOSEARCH answers
 * on the same places — the same listings, in the same order, at the same distances (Redis rounds them to 0.1 mm).
 */
@ExtendWith(RedisScriptExtension.class)
class NearbyIndexAgainstRedisTest {

    private static final String GEO = "places";

    private final RedisCommands<String, String> redis;

    NearbyIndexAgainstRedisTest(Scripts scripts) {
        this.redis = scripts.redis();
    }

    @Test
    void randomSearchesAnswerAsGeoSearchDoes() {
        Random random = new Random(5);
        NearbyIndex<CommunityStation> index = new NearbyIndex<>();
        List<Versioned<CommunityStation>> places = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // a city, and a few places far off, on both sides of the antimeridian and near the poles' limit
            GeoPoint where = i % 50 == 0
                    ? new GeoPoint((random.nextDouble() - 0.5) * 170, (random.nextDouble() - 0.5) * 360)
                    : new GeoPoint(
                            35.215 + (random.nextDouble() - 0.5) * 0.3, 113.242 + (random.nextDouble() - 0.5) * 0.3);
            Versioned<CommunityStation> place = NearbyIndexTest.station("st-" + i, where);
            places.add(place);
            redis.geoadd(GEO, where.lng(), where.lat(), place.listing().id());
        }
        index.replaceAll(places);

        for (int q = 0; q < 300; q++) {
            GeoPoint at = q % 10 == 0
                    ? new GeoPoint((random.nextDouble() - 0.5) * 170, (random.nextDouble() - 0.5) * 360)
                    : new GeoPoint(
                            35.215 + (random.nextDouble() - 0.5) * 0.4, 113.242 + (random.nextDouble() - 0.5) * 0.4);
            int radius = 1 + random.nextInt(20_000);
            List<String> redisAnswer = redis
                    .geosearch(
                            GEO,
                            GeoSearch.fromCoordinates(at.lng(), at.lat()),
                            GeoSearch.byRadius(radius, GeoArgs.Unit.m),
                            GeoArgs.Builder.distance().asc())
                    .stream()
                    .map(NearbyIndexAgainstRedisTest::describe)
                    .toList();
            List<String> indexAnswer = new ArrayList<>();
            index.nearest(
                    at.lat(),
                    at.lng(),
                    radius,
                    hit -> indexAnswer.add(describe(hit.item().listing().id(), hit.distance())));

            assertThat(indexAnswer)
                    .as("%d m around %s", radius, at)
                    .hasSameSizeAs(redisAnswer)
                    .isEqualTo(redisAnswer);
        }
    }

    private static String describe(GeoWithin<String> hit) {
        return describe(hit.getMember(), hit.getDistance());
    }

    private static String describe(String id, double distance) {
        return id + " at " + String.format(Locale.ROOT, "%.4f", distance);
    }
}
