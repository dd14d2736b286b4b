package org.cityservice.complaint;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 附议 in Redis: a set of follower ids per case and a sorted set of followed cases per resident
 * (by when she followed), both written by one script each, under the {@code complaint} tag.
 */
@Component
class Followers {

    /** Enough for a whole housing estate behind one case; the set is read in full for every notice. */
    static final int MAX_PER_CASE = 200;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNTS = LuaScripts.load("complaint/followers", List.class);

    private static final RedisScript<String> FOLLOW = LuaScripts.load("complaint/follow", String.class);
    private static final RedisScript<Long> UNFOLLOW = LuaScripts.load("complaint/unfollow", Long.class);

    /** What following a case came to. */
    enum Outcome {
        ADDED,
        ALREADY,
        MISSING,
        OWN,
        CLOSED,
        FULL
    }

    /** How many follow a case, and whether the one asking does. */
    record Count(long followers, boolean following) {

        static final Count NONE = new Count(0, false);
    }

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final ComplaintStore store;
    private final ComplaintKeys keys;

    Followers(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, ComplaintStore store, ComplaintKeys keys) {
        this.redis = redis;
        this.writes = writes;
        this.store = store;
        this.keys = keys;
    }

    /** A case's followers are kept in its home, and so are the cases a resident follows there. */
    Mono<Outcome> follow(String trackingNo, String residentId, Instant at) {
        ComplaintKeys.Home home = keys.numbered(trackingNo);
        return writes.execute(
                        FOLLOW,
                        List.of(home.cases(), home.followers(trackingNo), home.following(residentId)),
                        List.of(
                                trackingNo,
                                residentId,
                                Long.toString(at.toEpochMilli()),
                                Integer.toString(MAX_PER_CASE)))
                .single()
                .map(reply -> Outcome.valueOf(reply.toUpperCase()));
    }

    Mono<Boolean> unfollow(String trackingNo, String residentId) {
        return unfollow(keys.numbered(trackingNo), trackingNo, residentId);
    }

    private Mono<Boolean> unfollow(ComplaintKeys.Home home, String trackingNo, String residentId) {
        return writes.execute(
                        UNFOLLOW,
                        List.of(home.followers(trackingNo), home.following(residentId)),
                        List.of(trackingNo, residentId))
                .single()
                .map(n -> n == 1);
    }

    Mono<Boolean> follows(String trackingNo, String residentId) {
        return redis.opsForSet().isMember(keys.numbered(trackingNo).followers(trackingNo), residentId);
    }

    /**
     * Counts for a page of cases, one round trip per home they live in; {@code residentId} null for staff (nobody
     * "follows").
     */
    Mono<Map<String, Count>> counts(List<String> trackingNos, @Nullable String residentId) {
        return Flux.fromIterable(trackingNos.stream()
                        .collect(Collectors.groupingBy(keys::numbered, LinkedHashMap::new, Collectors.toList()))
                        .entrySet())
                .concatMap(home -> countsIn(home.getKey(), home.getValue(), residentId))
                .collect(HashMap<String, Count>::new, Map::putAll);
    }

    private Mono<Map<String, Count>> countsIn(
            ComplaintKeys.Home home, List<String> trackingNos, @Nullable String residentId) {
        List<String> sets = trackingNos.stream().map(home::followers).toList();
        return redis.execute(COUNTS, sets, List.of(residentId == null ? "" : residentId))
                .single()
                .map(reply -> {
                    Map<String, Count> counts = new HashMap<>();
                    for (int i = 0; i < trackingNos.size(); i++) {
                        counts.put(
                                trackingNos.get(i),
                                new Count(
                                        ((Number) reply.get(2 * i)).longValue(),
                                        ((Number) reply.get(2 * i + 1)).longValue() == 1));
                    }
                    return counts;
                });
    }

    Mono<Count> count(String trackingNo, @Nullable String residentId) {
        return counts(List.of(trackingNo), residentId).map(counts -> counts.getOrDefault(trackingNo, Count.NONE));
    }

    /** A page of the cases she follows, most recently followed first. */
    Mono<ComplaintStore.Page> pageFollowed(String residentId, long offset, int size) {
        return store.page(ComplaintKeys.Home::following, residentId, offset, size);
    }

    /** Her account is deleted: she follows nothing any more, and no case counts her. */
    Mono<Void> forget(String residentId) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.opsForZSet()
                        .range(home.following(residentId), Range.closed(0L, -1L))
                        .concatMap(trackingNo -> unfollow(home, trackingNo, residentId))
                        .then(redis.delete(home.following(residentId))))
                .then();
    }
}
