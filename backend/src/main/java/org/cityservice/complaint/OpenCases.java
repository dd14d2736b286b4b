package org.cityservice.complaint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.cityservice.redis.LuaScripts;
import org.cityservice.shared.GeoPoint;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open cases of each category by place (a GEO set per category, {@code open-geo:<category>}),
 * kept by the scripts that submit and move cases, so the nearby search never disagrees with a case.
 */
@Component
class OpenCases {

    private static final RedisScript<String> NEARBY = LuaScripts.load("redis/geo-nearby", String.class);
    private static final RedisScript<Long> BACKFILL = LuaScripts.load("complaint/backfill-open", Long.class);

    /** One case near the point, {@code distance} metres away. */
    record Hit(double distance, Complaint item) {}

    private final ReactiveStringRedisTemplate redis;
    private final ComplaintKeys keys;
    private final ComplaintProperties properties;
    private final JsonMapper json;

    OpenCases(ReactiveStringRedisTemplate redis, ComplaintKeys keys, ComplaintProperties properties, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Up to {@code count} open cases of {@code category} within {@code radius} metres, nearest first: the nearest of
     * each home, merged.
     */
    Mono<List<Hit>> near(String category, GeoPoint point, int radius, int count) {
        return Flux.fromIterable(keys.homes())
                .flatMap(home -> redis.execute(
                                NEARBY,
                                List.of(home.openGeo(category), home.cases()),
                                List.of(
                                        Double.toString(point.lng()),
                                        Double.toString(point.lat()),
                                        Integer.toString(radius),
                                        Integer.toString(count)))
                        .single()
                        .flatMapIterable(reply -> Arrays.asList(json.readValue(reply, Hit[].class))))
                .sort(Comparator.comparingDouble(Hit::distance))
                .take(count)
                .collectList();
    }

    /**
     * Indexes the open cases filed before the GEO sets existed, once per home (a marker key in each says it ran): how
     * many, or -1 when it had run in every home already.
     */
    Mono<Long> backfill() {
        return Flux.fromIterable(keys.homes())
                .concatMap(this::backfill)
                .reduce(-1L, (sum, indexed) -> indexed < 0 ? sum : Math.max(sum, 0) + indexed);
    }

    private Mono<Long> backfill(ComplaintKeys.Home home) {
        List<ComplaintStatus> open = Arrays.stream(ComplaintStatus.values())
                .filter(ComplaintStatus::open)
                .toList();
        List<String> scriptKeys = new ArrayList<>(List.of(home.cases(), home.key("open-geo-backfilled")));
        open.forEach(status -> scriptKeys.add(home.status(status)));
        List<String> args = new ArrayList<>(List.of(Integer.toString(open.size())));
        properties.categories().forEach(category -> {
            scriptKeys.add(home.openGeo(category.code()));
            args.add(category.code());
        });
        return redis.execute(BACKFILL, scriptKeys, args).single();
    }
}
