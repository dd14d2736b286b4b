package org.cityservice.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StartupRetry;
import org.cityservice.survey.SurveyShards.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Once per store, at startup: surveys scheduled before the staff list's indexes existed join them, in
 * batches of {@value #BATCH} ({@code backfill-index.lua}); schedule.lua, advance.lua and answer.lua keep
 * them from then on. In the background, like {@code CaseIndexBackfill}: until it is done a filtered list can
 * miss old surveys. A marker says it finished; an interrupted run is done again, harmlessly.
 */
@Component
class SurveyIndexBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SurveyIndexBackfill.class);
    private static final RedisScript<Long> BACKFILL = LuaScripts.load("survey/backfill-index", Long.class);
    static final int BATCH = 500;

    private final ReactiveStringRedisTemplate redis;
    private final SurveyStore store;
    private final Shard legacy;
    private final JsonMapper json;
    private final StartupRetry startup;

    SurveyIndexBackfill(
            ReactiveStringRedisTemplate redis,
            SurveyStore store,
            SurveyShards shards,
            JsonMapper json,
            StartupRetry startup) {
        this.redis = redis;
        this.store = store;
        // the surveys scheduled before the list's indexes existed are all of the one-tag layout, in the legacy shard
        this.legacy = shards.legacy();
        this.json = json;
        this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
        startup.retrying("Survey list indexes", backfill())
                .subscribe(
                        indexed -> {
                            if (indexed >= 0) {
                                log.info(
                                        "Survey list: {} surveys scheduled before its indexes existed indexed",
                                        indexed);
                            }
                        },
                        error -> log.error(
                                "Survey list: indexing older surveys failed; it is tried again at the next start",
                                error));
    }

    /** Indexes every survey unless the marker says it was done: how many, or -1 when it was. */
    Mono<Long> backfill() {
        String marker = legacy.key("list-indexes-backfilled");
        return redis.hasKey(marker)
                .flatMap(done -> done
                        ? Mono.just(-1L)
                        : redis.<String, String>opsForHash()
                                .scan(
                                        store.surveysKey(legacy),
                                        ScanOptions.scanOptions().count(BATCH).build())
                                .buffer(BATCH)
                                .concatMap(this::index)
                                .reduce(0L, Long::sum)
                                .flatMap(indexed -> redis.opsForValue()
                                        .set(marker, Long.toString(indexed))
                                        .thenReturn(indexed)));
    }

    private Flux<Long> index(List<Map.Entry<String, String>> batch) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> entry : batch) {
            Survey survey = json.readValue(entry.getValue(), Survey.class);
            List<String> named = store.facetKeys(legacy, survey).stream()
                    .map(index -> Integer.toString(positions.computeIfAbsent(index, any -> positions.size() + 2)))
                    .toList();
            args.addAll(List.of(
                    survey.id(),
                    survey.status().name(),
                    Long.toString(survey.closedAt().toEpochMilli()),
                    Integer.toString(named.size())));
            args.addAll(named);
        }
        List<String> keys = new ArrayList<>(List.of(store.surveysKey(legacy)));
        keys.addAll(positions.keySet());
        return redis.execute(BACKFILL, keys, args);
    }
}
