package org.cityservice.complaint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StartupRetry;
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
 * Once per store, at startup: the cases filed before the staff list's indexes existed (category,
 * subdistrict, 督办 level, deadline order) join them, in batches of {@value #BATCH}
 * ({@code backfill-index.lua}); submit.lua, move.lua and escalate.lua keep them from then on. It runs in
 * the background: the application takes traffic meanwhile, and until it is done a filtered list can miss
 * old cases (a store of 100,000 cases takes some seconds). A marker says it finished; a start interrupted
 * midway does it again, which is harmless.
 */
@Component
class CaseIndexBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CaseIndexBackfill.class);
    private static final RedisScript<Long> BACKFILL = LuaScripts.load("complaint/backfill-index", Long.class);
    static final int BATCH = 500;

    private final ReactiveStringRedisTemplate redis;
    private final ComplaintKeys keys;
    private final JsonMapper json;
    private final StartupRetry startup;

    CaseIndexBackfill(ReactiveStringRedisTemplate redis, ComplaintKeys keys, JsonMapper json, StartupRetry startup) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
        startup.retrying("Staff list indexes", backfill())
                .subscribe(
                        indexed -> {
                            if (indexed >= 0) {
                                log.info("Staff list: {} cases filed before its indexes existed indexed", indexed);
                            }
                        },
                        error -> log.error(
                                "Staff list: indexing older cases failed; it is tried again at the next start", error));
    }

    /** Indexes every case of every home whose marker does not say it was done: how many, or -1 when all were. */
    Mono<Long> backfill() {
        return Flux.fromIterable(keys.homes())
                .concatMap(this::backfill)
                .reduce(-1L, (sum, indexed) -> indexed < 0 ? sum : Math.max(sum, 0) + indexed);
    }

    private Mono<Long> backfill(ComplaintKeys.Home home) {
        String marker = home.key("list-indexes-backfilled");
        return redis.hasKey(marker)
                .flatMap(done -> done
                        ? Mono.just(-1L)
                        : redis.<String, String>opsForHash()
                                .scan(
                                        home.cases(),
                                        ScanOptions.scanOptions().count(BATCH).build())
                                .buffer(BATCH)
                                .concatMap(batch -> index(home, batch))
                                .reduce(0L, Long::sum)
                                .flatMap(indexed -> redis.opsForValue()
                                        .set(marker, Long.toString(indexed))
                                        .thenReturn(indexed)));
    }

    private Flux<Long> index(ComplaintKeys.Home home, List<Map.Entry<String, String>> batch) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> entry : batch) {
            Complaint c = json.readValue(entry.getValue(), Complaint.class);
            // the 督办 level is read in the script from the stored case (a mark does not change the version)
            List<String> indexes = home.facets(c).stream()
                    .filter(index -> !index.equals(home.alert(Deadline.Alert.YELLOW))
                            && !index.equals(home.alert(Deadline.Alert.RED)))
                    .toList();
            args.addAll(List.of(
                    c.trackingNo(),
                    Long.toString(c.version()),
                    Long.toString(c.createdAt().toEpochMilli()),
                    c.deadline() == null
                            ? ""
                            : Long.toString(c.deadline().dueAt().toEpochMilli())));
            List<String> named = indexes.stream()
                    .distinct()
                    .map(index -> Integer.toString(positions.computeIfAbsent(index, any -> positions.size() + 5)))
                    .toList();
            args.add(Integer.toString(named.size()));
            args.addAll(named);
        }
        List<String> scriptKeys = new ArrayList<>(List.of(
                home.cases(), home.alert(Deadline.Alert.YELLOW), home.alert(Deadline.Alert.RED), home.deadlines()));
        scriptKeys.addAll(positions.keySet());
        return redis.execute(BACKFILL, scriptKeys, args);
    }
}
