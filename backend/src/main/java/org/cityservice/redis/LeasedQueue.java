package org.cityservice.redis;

import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schedule in Redis that several instances work off without doing an item twice at a time: a
 * hash of items (id → JSON), a sorted set of ids by due time, and a sorted set of ids in flight by
 * lease end. Claiming moves due ids to in-flight atomically ({@code claim.lua}); an item whose
 * worker died is put back when its lease runs out ({@code reap.lua}). Items are queued and finished
 * here ({@link #offer}, {@link #done}) or by the owner's scripts, when something else changes with
 * them. All three keys share one hash tag.
 */
public final class LeasedQueue {

    private static final RedisScript<String> CLAIM = LuaScripts.load("redis/claim", String.class);
    private static final RedisScript<Long> REAP = LuaScripts.load("redis/reap", Long.class);
    private static final RedisScript<Long> OFFER = LuaScripts.load("redis/offer", Long.class);
    private static final RedisScript<Long> DONE = LuaScripts.load("redis/done", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final String items;
    private final String due;
    private final String inFlight;

    public LeasedQueue(ReactiveStringRedisTemplate redis, JsonMapper json, String items, String due, String inFlight) {
        this.redis = redis;
        this.json = json;
        this.items = items;
        this.due = due;
        this.inFlight = inFlight;
    }

    /** Up to {@code count} items due by {@code now}, leased to the caller until {@code leaseEnd}, as JSON. */
    public Flux<JsonNode> claim(Instant now, Instant leaseEnd, int count) {
        return redis.execute(
                        CLAIM,
                        List.of(due, inFlight, items),
                        List.of(
                                Long.toString(now.toEpochMilli()),
                                Long.toString(leaseEnd.toEpochMilli()),
                                Integer.toString(count)))
                .single()
                .flatMapIterable(reply -> json.readTree(reply).values());
    }

    /** Puts back items whose lease ran out by {@code now}; how many. */
    public Mono<Long> reap(Instant now) {
        return redis.execute(REAP, List.of(due, inFlight), List.of(Long.toString(now.toEpochMilli())))
                .single();
    }

    /** Queues an item once (an id already queued stays as it is); true when this call queued it. */
    public Mono<Boolean> offer(String id, String item, Instant due) {
        return redis.execute(OFFER, List.of(this.due, items), List.of(id, item, Long.toString(due.toEpochMilli())))
                .single()
                .map(queued -> queued == 1);
    }

    /**
     * Ends the claim leased until {@code leaseEnd} and forgets the item; a claim that ran out and was taken over is
     * left to its new holder.
     */
    public Mono<Void> done(String id, Instant leaseEnd) {
        return redis.execute(
                        DONE, List.of(inFlight, items, attempts()), List.of(id, Long.toString(leaseEnd.toEpochMilli())))
                .then();
    }

    /** Counts one more try at an item, so a worker can give up on one that keeps failing: how many this makes. */
    public Mono<Long> attempt(String id) {
        return redis.<String, String>opsForHash().increment(attempts(), id, 1);
    }

    private String attempts() {
        return items + ":attempts";
    }

    public String items() {
        return items;
    }

    public String due() {
        return due;
    }

    public String inFlight() {
        return inFlight;
    }
}
