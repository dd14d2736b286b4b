package org.cityservice.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.cityservice.redis.LuaScripts;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of each case a platform dispatched: the updates it is to hear of ({@link PlatformUpdate}), written by
 * the move's own script (so a step is never taken without its update, nor an update sent of a step not taken) and
 * handed to the platform's sender one at a time per case, in order, until the platform acknowledges each: at least
 * once, and never the next before the one in front of it. A case whose head failed waits for the backoff its sender
 * chose; the tries and the last failure stay visible ({@link #backlog}).
 */
@Component
public class PlatformOutbox {

    /** An update handed to a sender, and how often it failed before. */
    public record Claimed(PlatformUpdate update, int tries) {
    }

    /** A case with updates not yet acknowledged: the one in front, how many wait, and how it went so far. */
    public record Waiting(String trackingNo, PlatformUpdate head, long waiting, Instant nextAttempt, int tries, String lastFailure) {
    }

    private static final RedisScript<List> CLAIM = LuaScripts.load("complaint/outbox-claim", List.class);
    private static final RedisScript<Long> DELIVERED = LuaScripts.load("complaint/outbox-delivered", Long.class);
    private static final RedisScript<Long> FAILED = LuaScripts.load("complaint/outbox-failed", Long.class);
    private static final RedisScript<Long> APPEND = LuaScripts.load("complaint/outbox-append", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final ComplaintStore store;
    private final JsonMapper json;

    PlatformOutbox(ReactiveStringRedisTemplate redis, ComplaintStore store, JsonMapper json) {
        this.redis = redis;
        this.store = store;
        this.json = json;
    }

    /** Cases whose next attempt is due by {@code now}, at most {@code max}, longest waiting first. */
    public Flux<String> due(Instant now, int max) {
        return redis.opsForZSet().rangeByScore(store.outboxDueKey(), Range.closed(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                Limit.limit().count(max));
    }

    /** The case's oldest update for this sender until {@code leaseEnd}; empty when it is not due or another sender has it. */
    public Mono<Claimed> claim(String trackingNo, Instant now, Instant leaseEnd) {
        return redis.execute(CLAIM, List.of(store.outboxDueKey(), store.outboxKey(trackingNo), store.outboxTriesKey()),
                        List.of(trackingNo, Long.toString(now.toEpochMilli()), Long.toString(leaseEnd.toEpochMilli())))
                .single()
                .flatMap(reply -> reply.isEmpty() ? Mono.empty()
                        : Mono.just(new Claimed(json.readValue((String) reply.get(0), PlatformUpdate.class), ((Number) reply.get(1)).intValue())));
    }

    /** The platform acknowledged {@code update}: the case's next one is due at once. False when it was taken off before. */
    public Mono<Boolean> delivered(PlatformUpdate update, Instant now) {
        return redis.execute(DELIVERED, List.of(store.outboxDueKey(), store.outboxKey(update.trackingNo()), store.outboxTriesKey(),
                        store.outboxFailuresKey()), List.of(update.trackingNo(), update.id(), Long.toString(now.toEpochMilli())))
                .single().map(taken -> taken == 1);
    }

    /** A try failed with {@code error}: the next is at {@code nextAttempt}. The tries so far. */
    public Mono<Long> failed(PlatformUpdate update, String error, Instant at, Instant nextAttempt) {
        return redis.execute(FAILED, List.of(store.outboxDueKey(), store.outboxTriesKey(), store.outboxFailuresKey()),
                        List.of(update.trackingNo(), Long.toString(nextAttempt.toEpochMilli()),
                                json.writeValueAsString(Map.of("at", at.toString(), "error", error))))
                .single();
    }

    /** Queues an update that is no move of the case (a survey's result), once per update id. False when it was queued before. */
    public Mono<Boolean> append(PlatformUpdate update, Instant now) {
        return redis.execute(APPEND, List.of(store.outboxDueKey(), store.outboxKey(update.trackingNo()), store.outboxAppendedKey()),
                        List.of(update.trackingNo(), update.id(), json.writeValueAsString(update), Long.toString(now.toEpochMilli())))
                .single().map(added -> added == 1);
    }

    /** A case waiting for its next attempt is tried at once (an admin saw the platform is back); false when nothing waits. */
    public Mono<Boolean> retryNow(String trackingNo, Instant now) {
        return redis.opsForZSet().score(store.outboxDueKey(), trackingNo)
                .flatMap(next -> redis.opsForZSet().add(store.outboxDueKey(), trackingNo, Math.min(next, now.toEpochMilli())).thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** How many cases have updates waiting. */
    public Mono<Long> waitingCases() {
        return redis.opsForZSet().size(store.outboxDueKey());
    }

    /** Cases with updates waiting, the longest waiting (earliest next attempt) first; at most {@code max}. */
    public Flux<Waiting> backlog(int max) {
        return redis.opsForZSet().rangeWithScores(store.outboxDueKey(), Range.closed(0L, (long) max - 1))
                .concatMap(entry -> {
                    String trackingNo = entry.getValue();
                    return Mono.zip(redis.opsForList().index(store.outboxKey(trackingNo), 0).defaultIfEmpty(""),
                                    redis.opsForList().size(store.outboxKey(trackingNo)),
                                    redis.<String, String>opsForHash().get(store.outboxTriesKey(), trackingNo).defaultIfEmpty("0"),
                                    redis.<String, String>opsForHash().get(store.outboxFailuresKey(), trackingNo).defaultIfEmpty(""))
                            .filter(parts -> !parts.getT1().isEmpty())
                            .map(parts -> new Waiting(trackingNo, json.readValue(parts.getT1(), PlatformUpdate.class), parts.getT2(),
                                    Instant.ofEpochMilli(entry.getScore().longValue()), Integer.parseInt(parts.getT3()),
                                    parts.getT4().isEmpty() ? null : parts.getT4()));
                });
    }
}
