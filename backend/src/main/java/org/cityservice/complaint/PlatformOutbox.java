package org.cityservice.complaint;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StreamEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of each case a platform dispatched: the updates it is to hear of ({@link PlatformUpdate}), written by
 * the move's own script (so a step is never taken without its update, nor an update sent of a step not taken) and
 * handed to the platform's sender one at a time per case, in order, until the platform acknowledges each: at least
 * once, and never the next before the one in front of it. A claim is a lease: only its holder may report a failure,
 * so a sender whose lease ran out cannot disturb the one that took over. A case whose head failed waits for the
 * backoff its sender chose; the tries and the last failure stay visible ({@link #backlog}).
 */
@Component
public class PlatformOutbox {

    /** An update handed to a sender until {@code leaseEnd} (the claim's token), and how often it failed before. */
    public record Claimed(PlatformUpdate update, int tries, Instant leaseEnd) {}

    /** A case with updates not yet acknowledged: the one in front, how many wait, and how it went so far. */
    public record Waiting(
            String trackingNo,
            PlatformUpdate head,
            long waiting,
            Instant nextAttempt,
            int tries,
            @Nullable String lastFailure) {}

    /** What an admin's request about a case's update came to. */
    public enum Outcome {
        DONE,
        SENDING,
        NONE
    }

    private static final RedisScript<List> CLAIM = LuaScripts.load("complaint/outbox-claim", List.class);
    private static final RedisScript<Long> DELIVERED = LuaScripts.load("complaint/outbox-delivered", Long.class);
    private static final RedisScript<Long> FAILED = LuaScripts.load("complaint/outbox-failed", Long.class);
    private static final RedisScript<Long> APPEND = LuaScripts.load("complaint/outbox-append", Long.class);
    private static final RedisScript<String> RETRY = LuaScripts.load("complaint/outbox-retry", String.class);
    private static final RedisScript<String> SKIP = LuaScripts.load("complaint/outbox-skip", String.class);

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final ComplaintKeys keys;
    private final JsonMapper json;

    PlatformOutbox(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, ComplaintKeys keys, JsonMapper json) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.json = json;
    }

    /** A case's outbox is kept in its home, with the home's queue of cases that have updates to deliver. */
    private ComplaintKeys.Home home(String trackingNo) {
        return keys.numbered(trackingNo);
    }

    /** Cases whose next attempt is due by {@code now}, at most {@code max} of each home, longest waiting first in each. */
    public Flux<String> due(Instant now, int max) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.opsForZSet()
                        .rangeByScore(
                                home.outboxDue(),
                                Range.closed(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                                Limit.limit().count(max)));
    }

    /** The case's oldest update for this sender until {@code leaseEnd}; empty when it is not due or another sender has it. */
    public Mono<Claimed> claim(String trackingNo, Instant now, Instant leaseEnd) {
        return redis.execute(
                        CLAIM,
                        List.of(
                                home(trackingNo).outboxDue(),
                                home(trackingNo).outbox(trackingNo),
                                home(trackingNo).outboxTries(),
                                home(trackingNo).outboxLeases()),
                        List.of(trackingNo, Long.toString(now.toEpochMilli()), Long.toString(leaseEnd.toEpochMilli())))
                .single()
                .flatMap(reply -> reply.isEmpty()
                        ? Mono.empty()
                        : Mono.just(new Claimed(
                                json.readValue((String) reply.get(0), PlatformUpdate.class),
                                ((Number) reply.get(1)).intValue(),
                                leaseEnd)));
    }

    /** The platform acknowledged {@code update}: the case's next one is due at once. False when it was taken off before. */
    public Mono<Boolean> delivered(PlatformUpdate update, Instant now) {
        return writes.execute(
                        DELIVERED,
                        List.of(
                                home(update.trackingNo()).outboxDue(),
                                home(update.trackingNo()).outbox(update.trackingNo()),
                                home(update.trackingNo()).outboxTries(),
                                home(update.trackingNo()).outboxFailures(),
                                home(update.trackingNo()).outboxLeases()),
                        List.of(update.trackingNo(), update.id(), Long.toString(now.toEpochMilli())))
                .single()
                .map(taken -> taken == 1);
    }

    /** A try of {@code claimed} failed with {@code error}: the next is at {@code nextAttempt}. The tries so far; 0 when the lease had passed. */
    public Mono<Long> failed(Claimed claimed, String error, Instant at, Instant nextAttempt) {
        PlatformUpdate update = claimed.update();
        return redis.execute(
                        FAILED,
                        List.of(
                                home(update.trackingNo()).outboxDue(),
                                home(update.trackingNo()).outboxTries(),
                                home(update.trackingNo()).outboxFailures(),
                                home(update.trackingNo()).outboxLeases(),
                                home(update.trackingNo()).outbox(update.trackingNo())),
                        List.of(
                                update.trackingNo(),
                                Long.toString(nextAttempt.toEpochMilli()),
                                json.writeValueAsString(Map.of("at", at.toString(), "error", error)),
                                Long.toString(claimed.leaseEnd().toEpochMilli()),
                                update.id()))
                .single();
    }

    /** Queues an update that is no move of the case (a survey's result), once per update id. False when it was queued before. */
    public Mono<Boolean> append(PlatformUpdate update, Instant now) {
        return writes.execute(
                        APPEND,
                        List.of(
                                home(update.trackingNo()).outboxDue(),
                                home(update.trackingNo()).outbox(update.trackingNo()),
                                home(update.trackingNo()).outboxAppended()),
                        List.of(
                                update.trackingNo(),
                                update.id(),
                                json.writeValueAsString(update),
                                Long.toString(now.toEpochMilli())))
                .single()
                .map(added -> added == 1);
    }

    /** The case's waiting update is tried at the next run instead of after its backoff (an admin saw the platform is back). */
    public Mono<Outcome> retryNow(String trackingNo, Instant now) {
        return redis.execute(
                        RETRY,
                        List.of(home(trackingNo).outboxDue(), home(trackingNo).outboxLeases()),
                        List.of(trackingNo, Long.toString(now.toEpochMilli())))
                .single()
                .map(PlatformOutbox::outcome);
    }

    /**
     * An admin gives up on the update {@code updateId} in front of the case (the platform refuses it for good): it is
     * dropped unsent, recorded in the audit log with {@code audit}, and the case's next update goes on.
     */
    public Mono<Outcome> skip(String trackingNo, String updateId, Instant now, Map<String, String> audit) {
        List<String> args =
                List.of(trackingNo, updateId, Long.toString(now.toEpochMilli()), StreamEntry.argument(json, audit));
        return redis.execute(
                        SKIP,
                        List.of(
                                home(trackingNo).outboxDue(),
                                home(trackingNo).outbox(trackingNo),
                                home(trackingNo).outboxTries(),
                                home(trackingNo).outboxFailures(),
                                home(trackingNo).outboxLeases(),
                                home(trackingNo).audit()),
                        args)
                .single()
                .map(PlatformOutbox::outcome);
    }

    private static Outcome outcome(String reply) {
        return switch (reply) {
            case "due", "skipped" -> Outcome.DONE;
            case "sending" -> Outcome.SENDING;
            default -> Outcome.NONE;
        };
    }

    /** How many cases have updates waiting. */
    public Mono<Long> waitingCases() {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.opsForZSet().size(home.outboxDue()))
                .reduce(0L, Long::sum);
    }

    /** The failed tries of every case whose update in front failed at least once. */
    public Mono<Map<String, Integer>> failing() {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.<String, String>opsForHash().entries(home.outboxTries()))
                .collectMap(Map.Entry::getKey, entry -> Integer.parseInt(entry.getValue()));
    }

    /**
     * Cases with updates waiting, at most {@code max}: those that failed first, the most tries first (so the stuck ones
     * are never off the page), then the others by their next attempt.
     */
    public Flux<Waiting> backlog(int max) {
        return failing().flatMapMany(failing -> {
            Set<String> order = new LinkedHashSet<>();
            failing.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(max)
                    .forEach(entry -> order.add(entry.getKey()));
            Mono<Set<String>> all = order.size() >= max
                    ? Mono.just(order)
                    : Flux.fromIterable(keys.homes())
                            .flatMap(home -> redis.opsForZSet()
                                    .rangeWithScores(home.outboxDue(), Range.closed(0L, (long) max + order.size() - 1)))
                            .sort(Comparator.comparing(TypedTuple::getScore))
                            .map(TypedTuple::getValue)
                            .collectList()
                            .map(others -> {
                                Set<String> merged = new LinkedHashSet<>(order);
                                others.stream()
                                        .filter(no -> merged.size() < max)
                                        .forEach(merged::add);
                                return merged;
                            });
            // five reads per case, many cases in flight at once, the order kept
            return all.flatMapMany(Flux::fromIterable).flatMapSequential(this::waiting, 16);
        });
    }

    private Mono<Waiting> waiting(String trackingNo) {
        return Mono.zip(
                        redis.opsForList()
                                .index(home(trackingNo).outbox(trackingNo), 0)
                                .defaultIfEmpty(""),
                        redis.opsForList().size(home(trackingNo).outbox(trackingNo)),
                        redis.opsForZSet()
                                .score(home(trackingNo).outboxDue(), trackingNo)
                                .defaultIfEmpty(0.0),
                        redis.<String, String>opsForHash()
                                .get(home(trackingNo).outboxTries(), trackingNo)
                                .defaultIfEmpty("0"),
                        redis.<String, String>opsForHash()
                                .get(home(trackingNo).outboxFailures(), trackingNo)
                                .defaultIfEmpty(""))
                .filter(parts -> !parts.getT1().isEmpty())
                .map(parts -> new Waiting(
                        trackingNo,
                        json.readValue(parts.getT1(), PlatformUpdate.class),
                        parts.getT2(),
                        Instant.ofEpochMilli(parts.getT3().longValue()),
                        Integer.parseInt(parts.getT4()),
                        parts.getT5().isEmpty() ? null : parts.getT5()));
    }
}
