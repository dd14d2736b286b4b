package org.cityservice.complaint;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityservice.redis.RedisKeys;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases in Redis, all under the {@code complaint} hash tag (docs/redis-keys.md): a hash of case JSON
 * by tracking number, index sorted sets (per resident, per station, all), a timeline list per case,
 * and the event stream later features read. A case, its index entries, its timeline entry and its
 * event are written by one script: all of them or none.
 */
@Component
class ComplaintStore {

    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final RedisScript<String> SUBMIT = script("submit", String.class);
    private static final RedisScript<String> PAGE = script("page", String.class);

    /** What a submission came to: a new case, or the one an earlier try with the same key made. */
    record Submitted(String trackingNo, boolean created) {
    }

    /** One page of cases, newest first. */
    record Page(long total, List<Complaint> items) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    ComplaintStore(ReactiveStringRedisTemplate redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    /** The day's next number: 1, 2, 3, … */
    Mono<Long> nextOfDay(LocalDate day) {
        String counter = key("seq", DAY.format(day));
        return redis.opsForValue().increment(counter)
                .flatMap(n -> n == 1 ? redis.expire(counter, Duration.ofDays(2)).thenReturn(n) : Mono.just(n));
    }

    /** Counts one submission of a resident in one hour; the count lapses with the hour. */
    Mono<Long> countSubmission(String residentId, String hour) {
        String counter = key("rate", residentId, hour);
        return redis.opsForValue().increment(counter)
                .flatMap(n -> n == 1 ? redis.expire(counter, Duration.ofHours(1)).thenReturn(n) : Mono.just(n));
    }

    /** The tracking number an earlier submission with this key got, if any. */
    Mono<String> firstWith(String residentId, String idempotencyKey) {
        return redis.opsForValue().get(idempotencyKey(residentId, idempotencyKey));
    }

    Mono<Submitted> submit(Complaint complaint, TimelineEntry first, String idempotencyKey, Map<String, String> event) {
        List<String> scriptKeys = List.of(
                idempotencyKey == null ? key("idempotency", "none") : idempotencyKey(complaint.residentId(), idempotencyKey),
                key("cases"), residentKey(complaint.residentId()), stationKey(complaint.routing().stationId()),
                key("all"), timelineKey(complaint.trackingNo()), eventsKey());
        List<String> args = new ArrayList<>(List.of(complaint.trackingNo(), json.writeValueAsString(complaint),
                Long.toString(complaint.createdAt().toEpochMilli()), json.writeValueAsString(first),
                idempotencyKey == null ? "0" : Long.toString(IDEMPOTENCY_WINDOW.toSeconds())));
        event.forEach((name, value) -> {
            args.add(name);
            args.add(value == null ? "" : value);
        });
        return redis.execute(SUBMIT, scriptKeys, args).single().map(reply -> {
            int space = reply.indexOf(' ');
            return new Submitted(reply.substring(space + 1), reply.startsWith("created"));
        });
    }

    Mono<Complaint> find(String trackingNo) {
        return redis.<String, String>opsForHash().get(key("cases"), trackingNo)
                .map(stored -> json.readValue(stored, Complaint.class));
    }

    Mono<List<TimelineEntry>> timeline(String trackingNo) {
        return redis.opsForList().range(timelineKey(trackingNo), 0, -1)
                .map(entry -> json.readValue(entry, TimelineEntry.class))
                .collectList();
    }

    Mono<Page> pageOfResident(String residentId, long offset, int size) {
        return redis.execute(PAGE, List.of(residentKey(residentId), key("cases")), List.of(Long.toString(offset), Integer.toString(size)))
                .single()
                .map(reply -> json.readValue(reply, Page.class));
    }

    String eventsKey() {
        return key("events");
    }

    private String residentKey(String residentId) {
        return key("by-resident", residentId);
    }

    private String stationKey(String stationId) {
        return stationId == null ? key("unrouted") : key("by-station", stationId);
    }

    private String timelineKey(String trackingNo) {
        return key("timeline", trackingNo);
    }

    private String idempotencyKey(String residentId, String idempotencyKey) {
        return key("idempotency", residentId, idempotencyKey);
    }

    private String key(String... parts) {
        return keys.key("complaint", parts);
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return RedisScript.of(new ClassPathResource("scripts/complaint/" + name + ".lua"), type);
    }
}
