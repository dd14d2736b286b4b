package org.cityservice.listing;

import com.sun.management.ThreadMXBean;
import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cityservice.redis.EmbeddedRedisProperties;
import org.cityservice.redis.EmbeddedRedisServer;
import org.cityservice.shared.GeoPoint;

/**
 * Query cost of the in-memory nearby index at 1,000, 10,000 and 100,000 places, beside GEOSEARCH on the same places
 * in a real redis-server (one connection, one search at a time, so Redis's time plus one loopback round trip), and
 * the heap the index holds. Places are scattered over a 30 km square as bench/load-places.py scatters them; each
 * search looks 3 km around a random point of the square for the nearest 20. Not a test: run by bench/nearby-index.sh.
 */
public final class NearbyIndexBenchmark {

    private static final double LAT = 35.2150;
    private static final double LNG = 113.2420;
    private static final int RADIUS = 3000;
    private static final int LIMIT = 20;
    private static final int QUERIES = 20_000;

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("nearby-index-bench");
        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(new EmbeddedRedisProperties(true, 0, data, "no"))) {
            RedisClient client = RedisClient.create(RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(server.port())
                    .withPassword(server.password().toCharArray())
                    .build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                System.out.println(
                        "| places | within 3 km (mean) | answered (mean) | index µs/search | index bytes allocated/search"
                                + " | GEOSEARCH µs/search (with round trip) | PING µs (round trip alone) | index heap |");
                System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                for (int places : new int[] {1_000, 10_000, 100_000}) {
                    row(redis, places);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    private static void row(RedisCommands<String, String> redis, int count) {
        redis.flushall();
        Random random = new Random(7);
        GeoPoint[] where = new GeoPoint[count];
        for (int i = 0; i < count; i++) {
            where[i] = new GeoPoint(
                    LAT + (random.nextDouble() * 2 - 1) * 15_000 / 111_320,
                    LNG + (random.nextDouble() * 2 - 1) * 15_000 / 91_000);
            redis.geoadd("places", where[i].lng(), where[i].lat(), "st-" + i);
        }
        // the index holds the listings themselves (parsed once from Redis): they count as its heap
        long heapBefore = usedHeap();
        NearbyIndex<CommunityStation> index = new NearbyIndex<>();
        List<Versioned<CommunityStation>> places = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            places.add(new Versioned<>(1, station(i, where[i])));
        }
        index.replaceAll(places);
        places = null;
        long heap = usedHeap() - heapBefore;

        GeoPoint[] centres = new GeoPoint[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            centres[i] = new GeoPoint(
                    LAT + (random.nextDouble() * 2 - 1) * 15_000 / 111_320,
                    LNG + (random.nextDouble() * 2 - 1) * 15_000 / 91_000);
        }
        long within = 0;
        for (GeoPoint centre : centres) {
            int[] n = {0};
            index.nearest(centre.lat(), centre.lng(), RADIUS, hit -> ++n[0] > 0);
            within += n[0];
        }
        for (int round = 0; round < 5; round++) { // JIT warm-up
            searchAll(index, centres);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long found = searchAll(index, centres);
        double indexMicros = (System.nanoTime() - start) / 1_000.0 / QUERIES;
        long allocated = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / QUERIES;

        int redisQueries = 2_000;
        for (int i = 0; i < redisQueries; i++) { // warm-up, and the same answers' sizes as the index's
            int[] n = {0};
            index.nearest(centres[i].lat(), centres[i].lng(), RADIUS, hit -> ++n[0] < LIMIT);
            if (geosearch(redis, centres[i]) != n[0]) {
                throw new IllegalStateException("the index and GEOSEARCH found different numbers of places");
            }
        }
        start = System.nanoTime();
        for (int i = 0; i < redisQueries; i++) {
            geosearch(redis, centres[QUERIES - 1 - i]);
        }
        double redisMicros = (System.nanoTime() - start) / 1_000.0 / redisQueries;
        start = System.nanoTime();
        for (int i = 0; i < redisQueries; i++) {
            redis.ping();
        }
        double pingMicros = (System.nanoTime() - start) / 1_000.0 / redisQueries;

        System.out.printf(
                Locale.ROOT,
                "| %,d | %,d | %.1f | %.1f | %,d | %.1f | %.1f | %.1f MB |%n",
                count,
                within / QUERIES,
                (double) found / QUERIES,
                indexMicros,
                allocated,
                redisMicros,
                pingMicros,
                heap / 1e6);
        if (index.size() != count) {
            throw new IllegalStateException("index lost places");
        }
    }

    private static long searchAll(NearbyIndex<CommunityStation> index, GeoPoint[] centres) {
        long found = 0;
        for (GeoPoint centre : centres) {
            int[] n = {0};
            index.nearest(centre.lat(), centre.lng(), RADIUS, hit -> ++n[0] < LIMIT);
            found += n[0];
        }
        return found;
    }

    private static int geosearch(RedisCommands<String, String> redis, GeoPoint centre) {
        return redis.geosearch(
                        "places",
                        GeoSearch.fromCoordinates(centre.lng(), centre.lat()),
                        GeoSearch.byRadius(RADIUS, GeoArgs.Unit.m),
                        GeoArgs.Builder.distance().withCount(LIMIT).asc())
                .size();
    }

    /** A station as bench/load-places.py makes them: weekday hours, a holiday closure, three services. */
    private static CommunityStation station(int i, GeoPoint at) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            days.put(day, List.of(TimeRange.parse("08:30-12:00"), TimeRange.parse("14:00-17:30")));
        }
        return new CommunityStation(
                "st-" + i,
                "压测服务站" + i,
                "焦作市测试路" + i + "号",
                "解放区",
                "测试街道",
                at,
                "12319",
                WeeklyHours.of(days),
                List.of(new HolidayClosure(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 8), "国庆节")),
                List.of("投诉受理", "政策咨询", "饮水休息"),
                false);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private NearbyIndexBenchmark() {}
}
