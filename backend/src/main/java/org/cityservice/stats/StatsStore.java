package org.cityservice.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The counters behind the rates, under the {@code stats} hash tag, in generations: the live
 * generation is counted into as events arrive; a rebuild counts every event into a new generation
 * and then makes it the live one, so readers never see half a rebuild (docs/redis-keys.md).
 */
@Component
class StatsStore {

    private static final RedisScript<Long> COUNT = LuaScripts.load("stats/count", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;

    StatsStore(ReactiveStringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    Mono<Long> liveGeneration() {
        return redis.opsForValue()
                .get(keys.key("stats", "live"))
                .map(Long::parseLong)
                .defaultIfEmpty(0L);
    }

    /** A generation number never used before. */
    Mono<Long> newGeneration() {
        return liveGeneration()
                .flatMap(live -> redis.opsForValue()
                        .increment(keys.key("stats", "generations"))
                        .map(next -> Math.max(next, live + 1)));
    }

    /** Makes {@code generation} the live one and deletes the one it replaces. */
    Mono<Void> goLive(long generation) {
        return liveGeneration()
                .flatMap(old -> redis.opsForValue()
                        .set(keys.key("stats", "live"), Long.toString(generation))
                        .then(old == generation ? Mono.empty() : deleteGeneration(old, generation)));
    }

    Mono<String> cursor(long generation, String source) {
        return redis.opsForValue().get(key(generation, "cursor", source)).defaultIfEmpty("0-0");
    }

    /** @return true when the event was counted now, false when it had been */
    Mono<Boolean> count(long generation, String source, String eventId, Tally tally) {
        List<String> args = new ArrayList<>(List.of(
                eventId,
                tally.trackingNo() == null ? "" : tally.trackingNo(),
                String.join(",", tally.marks()),
                String.join(",", tally.counters())));
        args.addAll(tally.groups());
        return redis.execute(
                        COUNT,
                        List.of(
                                key(generation, "cursor", source),
                                dayKey(generation, tally.day()),
                                key(generation, "late"),
                                key(generation, "closed"),
                                key(generation, "reworked"),
                                key(generation, "keys")),
                        args)
                .single()
                .map(n -> n == 1);
    }

    /** Moves a cursor past events that count for nothing (never back: an id at or before it changes nothing). */
    Mono<Void> skipTo(long generation, String source, String eventId) {
        return count(generation, source, eventId, new Tally(LocalDate.EPOCH, null, List.of(), List.of(), List.of()))
                .then();
    }

    /** The counters of each day from {@code from} to {@code to}, "dimension|value|counter" → n. */
    Flux<Map<String, String>> days(long generation, LocalDate from, LocalDate to) {
        return Flux.fromStream(from.datesUntil(to.plusDays(1)))
                .concatMap(
                        day -> redis.<String, String>opsForHash()
                                .entries(dayKey(generation, day))
                                .collectMap(Map.Entry::getKey, Map.Entry::getValue),
                        32);
    }

    /**
     * Deletes a generation by its record of the keys it wrote ({@code count.lua} keeps it), never by scanning the
     * keyspace: a SCAN sees one node of a cluster, and all of a big one. A generation counted before the record
     * existed has none; it counted the same streams as its replacement, so it is deleted by the replacement's
     * record, renamed.
     */
    private Mono<Void> deleteGeneration(long generation, long replacement) {
        String prefix = key(generation) + ":";
        String replacementPrefix = key(replacement) + ":";
        Flux<String> recorded = members(generation)
                .switchIfEmpty(members(replacement).map(name -> prefix + name.substring(replacementPrefix.length())));
        return Flux.concat(
                        recorded,
                        Flux.just(
                                key(generation, "late"),
                                key(generation, "closed"),
                                key(generation, "reworked"),
                                key(generation, "keys")))
                .buffer(200)
                .concatMap(batch -> redis.delete(batch.toArray(String[]::new)))
                .then();
    }

    private Flux<String> members(long generation) {
        return redis.opsForSet().members(key(generation, "keys"));
    }

    private String dayKey(long generation, LocalDate day) {
        return key(generation, "day", Tally.DAY.format(day));
    }

    private String key(long generation, String... parts) {
        String[] all = new String[parts.length + 1];
        all[0] = "g" + generation;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return keys.key("stats", all);
    }
}
