package org.cityservice.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.complaint.ComplaintDirectory;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The counters behind the rates, in generations: the live generation is counted into as events
 * arrive; a rebuild counts every event into a new generation and then makes it the live one, so
 * readers never see half a rebuild (docs/surveys.md, "How the counters are kept"). Each district
 * counts under a hash tag of its own, {@code stats:<code>}, the events of its cases' home and of
 * its surveys' shard ({@code stats} for the legacy ones), so the counting spreads over a
 * cluster's masters like the cases; a reader sums the tags.
 */
@Component
class StatsStore {

    private static final RedisScript<Long> COUNT = LuaScripts.load("stats/count", Long.class);
    private static final RedisScript<String> GO_LIVE = LuaScripts.load("stats/go-live", String.class);

    /** What {@code layout} names once the counters are kept per district; absent for the one-tag layout before. */
    static final String BY_DISTRICT = "by-district";

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final List<String> homes;

    StatsStore(ReactiveStringRedisTemplate redis, RedisKeys keys, ComplaintDirectory complaints) {
        this.redis = redis;
        this.keys = keys;
        this.homes = complaints.eventStreams();
    }

    /** The homes counted apart, by the name of their complaint event stream ("" for the legacy one). */
    List<String> homes() {
        return homes;
    }

    Mono<Long> liveGeneration() {
        return redis.opsForValue()
                .get(keys.key("stats", "live"))
                .map(Long::parseLong)
                .defaultIfEmpty(0L);
    }

    /** Whether the live generation was counted per district: false for counters of the one-tag layout (or none). */
    Mono<Boolean> countedByDistrict() {
        return redis.opsForValue()
                .get(keys.key("stats", "layout"))
                .map(BY_DISTRICT::equals)
                .defaultIfEmpty(false);
    }

    /**
     * The generation a rebuild counts into: the one a rebuild began and did not finish (it goes on where its cursors
     * stand: a rebuild of a big store outlasts a sweep), else a new one, noted now (the first of two instances to note
     * one wins, and both count into it).
     */
    Mono<Long> rebuildGeneration() {
        String rebuilding = keys.key("stats", "rebuilding");
        return redis.opsForValue()
                .get(rebuilding)
                .switchIfEmpty(Mono.defer(() -> newGeneration()
                        .flatMap(fresh -> redis.opsForValue().setIfAbsent(rebuilding, Long.toString(fresh)))
                        .then(redis.opsForValue().get(rebuilding))))
                .map(Long::parseLong);
    }

    /** A generation number never used before. */
    private Mono<Long> newGeneration() {
        return liveGeneration()
                .flatMap(live -> redis.opsForValue()
                        .increment(keys.key("stats", "generations"))
                        .map(next -> Math.max(next, live + 1)));
    }

    /**
     * Makes the rebuilt {@code generation} (counted per district) the live one and deletes the one it replaces, if this
     * rebuild still holds it ({@code go-live.lua}); a rebuild that lost it to another deletes what it counted, unless
     * that went live.
     */
    Mono<Void> goLive(long generation) {
        return redis.execute(
                        GO_LIVE,
                        List.of(
                                keys.key("stats", "live"),
                                keys.key("stats", "layout"),
                                keys.key("stats", "rebuilding")),
                        List.of(Long.toString(generation), BY_DISTRICT))
                .single()
                .flatMap(reply -> {
                    String[] words = reply.split(" ");
                    long other = Long.parseLong(words[1]);
                    return switch (words[0]) {
                        case "live" -> other == generation ? Mono.<Void>empty() : deleteGeneration(other, generation);
                        case "stale" -> liveGeneration().flatMap(live -> deleteGeneration(generation, live));
                        default -> Mono.<Void>empty();
                    };
                });
    }

    /** @param home the name of the home whose events {@code source} ("complaints", "surveys") holds */
    Mono<String> cursor(long generation, String home, String source) {
        return redis.opsForValue().get(key(generation, home, "cursor", source)).defaultIfEmpty("0-0");
    }

    /** @return true when the event was counted now, false when it had been */
    Mono<Boolean> count(long generation, String home, String source, String eventId, Tally tally) {
        List<String> args = new ArrayList<>(List.of(
                eventId,
                tally.trackingNo() == null ? "" : tally.trackingNo(),
                String.join(",", tally.marks()),
                String.join(",", tally.counters())));
        args.addAll(tally.groups());
        return redis.execute(
                        COUNT,
                        List.of(
                                key(generation, home, "cursor", source),
                                dayKey(generation, home, tally.day()),
                                key(generation, home, "late"),
                                key(generation, home, "closed"),
                                key(generation, home, "reworked"),
                                key(generation, home, "keys")),
                        args)
                .single()
                .map(n -> n == 1);
    }

    /** Moves a cursor past events that count for nothing (never back: an id at or before it changes nothing). */
    Mono<Void> skipTo(long generation, String home, String source, String eventId) {
        return count(
                        generation,
                        home,
                        source,
                        eventId,
                        new Tally(LocalDate.EPOCH, null, List.of(), List.of(), List.of()))
                .then();
    }

    /** The counters of each day from {@code from} to {@code to}, "dimension|value|counter" → n, summed over the homes. */
    Flux<Map<String, Long>> days(long generation, LocalDate from, LocalDate to) {
        return Flux.fromStream(from.datesUntil(to.plusDays(1)))
                .concatMap(
                        day -> Flux.fromIterable(homes)
                                .flatMap(home ->
                                        redis.<String, String>opsForHash().entries(dayKey(generation, home, day)))
                                .collect(
                                        HashMap<String, Long>::new,
                                        (sum, entry) ->
                                                sum.merge(entry.getKey(), Long.parseLong(entry.getValue()), Long::sum)),
                        32);
    }

    /**
     * Deletes a generation by the record of the keys it wrote that each home keeps ({@code count.lua}), never by
     * scanning the keyspace: a SCAN sees one node of a cluster, and all of a big one. A home counted before the
     * record existed has none; it counted the same streams as its replacement, so it is deleted by the replacement's
     * record, renamed. A generation of the one-tag layout kept its record, and everything, in the legacy home.
     */
    private Mono<Void> deleteGeneration(long generation, long replacement) {
        return Flux.fromIterable(homes)
                .concatMap(home -> {
                    String prefix = key(generation, home) + ":";
                    String replacementPrefix = key(replacement, home) + ":";
                    Flux<String> recorded = members(generation, home)
                            .switchIfEmpty(members(replacement, home)
                                    .map(name -> prefix + name.substring(replacementPrefix.length())));
                    return Flux.concat(
                                    recorded,
                                    Flux.just(
                                            key(generation, home, "late"),
                                            key(generation, home, "closed"),
                                            key(generation, home, "reworked"),
                                            key(generation, home, "keys")))
                            .buffer(200)
                            // a record's keys are of its home's tag, one slot: one DEL each batch
                            .concatMap(batch -> redis.delete(batch.toArray(String[]::new)));
                })
                .then();
    }

    private Flux<String> members(long generation, String home) {
        return redis.opsForSet().members(key(generation, home, "keys"));
    }

    private String dayKey(long generation, String home, LocalDate day) {
        return key(generation, home, "day", Tally.DAY.format(day));
    }

    /** A key of a generation in a home's tag: {@code stats:<code>}, or {@code stats} for the legacy home. */
    private String key(long generation, String home, String... parts) {
        String[] all = new String[parts.length + 1];
        all[0] = "g" + generation;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return keys.key(home.isEmpty() ? "stats" : "stats:" + home, all);
    }
}
