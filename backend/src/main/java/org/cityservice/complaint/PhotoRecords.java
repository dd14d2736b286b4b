package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What Redis knows about each uploaded photo (owner, media type, size, upload time, and the case it
 * was attached to), and the sets its life runs through: {@code photos:unattached} from upload
 * until a report or a handling step claims it for its case, {@code photos:claimed} until that case is written, and
 * {@code photos:deleting} while the cleanup removes one nobody named in time.
 */
@Component
class PhotoRecords {

    private static final RedisScript<Long> COUNT = LuaScripts.load("redis/count-with-expiry", Long.class);
    private static final RedisScript<String> CLAIM = LuaScripts.load("complaint/claim-photos", String.class);
    private static final RedisScript<Long> RELEASE = LuaScripts.load("complaint/release-photo", Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> EXPIRE = LuaScripts.load("complaint/expire-photos", List.class);

    private static final RedisScript<Long> SAVE = LuaScripts.load("complaint/save-photo", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;

    PhotoRecords(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, RedisKeys keys) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
    }

    /**
     * Records a photo of {@code owner} if their photos not yet in a case, with this one, stay within
     * {@code quota} bytes; false (nothing written) when they would not.
     */
    Mono<Boolean> save(
            String id,
            String owner,
            int size,
            long quota,
            Instant uploadedAt,
            Duration keep,
            Map<String, String> meta) {
        List<String> args = new ArrayList<>(List.of(
                id,
                Long.toString(uploadedAt.toEpochMilli()),
                Integer.toString(size),
                Long.toString(quota),
                Long.toString(keep.toSeconds())));
        meta.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        return writes.execute(
                        SAVE, List.of(key(id), unattachedKey(), keys.key("complaint", "photos", "held", owner)), args)
                .single()
                .map(saved -> saved == 1);
    }

    /** Counts one upload of {@code owner} in {@code hour}: how many this makes. */
    Mono<Long> countUpload(String owner, String hour) {
        return redis.execute(
                        COUNT,
                        List.of(keys.key("complaint", "photos", "rate", owner, hour)),
                        List.of(String.valueOf(Duration.ofHours(1).toSeconds())))
                .single();
    }

    /** A photo's owner, media type, size, upload time and case (once attached); empty when unknown or being deleted. */
    Mono<Map<String, String>> find(String id) {
        return redis.<String, String>opsForHash()
                .entries(key(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(meta -> !meta.isEmpty() && !meta.containsKey("deleting"));
    }

    /** A photo's record as stored, also while it is being deleted; empty when there is none. */
    Mono<Map<String, String>> meta(String id) {
        return redis.<String, String>opsForHash()
                .entries(key(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(meta -> !meta.isEmpty());
    }

    /** Up to {@code count} photos uploaded before {@code cutoff} and still not attached. */
    Flux<String> unattachedBefore(Instant cutoff, int count) {
        return redis.opsForZSet()
                .rangeByScore(
                        unattachedKey(),
                        Range.closed(0.0, (double) cutoff.toEpochMilli()),
                        Limit.limit().count(count));
    }

    /**
     * Claims the photos {@code ids} for the case {@code trackingNo} before the report or step that names them is
     * written ({@code claim-photos.lua}): empty when all are claimed (or were for this case already), else the id of
     * the first that is gone or another case's (then none is claimed).
     */
    Mono<String> claim(List<String> ids, String trackingNo, Instant now) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        List<String> scriptKeys = new ArrayList<>(List.of(unattachedKey(), claimedKey()));
        ids.forEach(id -> scriptKeys.add(key(id)));
        return writes.execute(CLAIM, scriptKeys, List.of(trackingNo, Long.toString(now.toEpochMilli())))
                .single()
                .filter(reply -> reply.startsWith("photo-gone "))
                .map(reply -> reply.substring("photo-gone ".length()));
    }

    /** The case that claimed them is written: their claims are settled. */
    Mono<Void> settle(List<String> ids) {
        return ids.isEmpty()
                ? Mono.empty()
                : redis.opsForZSet().remove(claimedKey(), ids.toArray()).then();
    }

    /** Up to {@code count} photos claimed before {@code cutoff} whose case was not known to be written. */
    Flux<String> claimedBefore(Instant cutoff, int count) {
        return redis.opsForZSet()
                .rangeByScore(
                        claimedKey(),
                        Range.closed(0.0, (double) cutoff.toEpochMilli()),
                        Limit.limit().count(count));
    }

    /** Gives back a photo the case {@code trackingNo} claimed but never named: it waits again from {@code uploadedAt}. */
    Mono<Boolean> release(String id, String trackingNo, Instant uploadedAt) {
        return writes.execute(
                        RELEASE,
                        List.of(key(id), unattachedKey(), claimedKey()),
                        List.of(id, trackingNo, Long.toString(uploadedAt.toEpochMilli())))
                .single()
                .map(released -> released == 1);
    }

    /** The claim of a photo whose case names it is settled. */
    Mono<Void> settled(String id) {
        return redis.opsForZSet().remove(claimedKey(), id).then();
    }

    /** Marks those of {@code ids} still unattached before {@code cutoff} for deletion; the ids marked. */
    @SuppressWarnings("unchecked")
    Flux<String> markForDeletion(List<String> ids, Instant cutoff, Instant now) {
        List<String> scriptKeys = new ArrayList<>(List.of(unattachedKey(), deletingKey()));
        ids.forEach(id -> scriptKeys.add(key(id)));
        return redis.execute(
                        EXPIRE,
                        scriptKeys,
                        List.of(Long.toString(cutoff.toEpochMilli()), Long.toString(now.toEpochMilli())))
                .flatMapIterable(marked -> (List<String>) marked);
    }

    /** Photos marked for deletion whose bytes may still exist: a sweep's own, and any a crashed one left. */
    Flux<String> beingDeleted(int count) {
        return redis.opsForZSet().range(deletingKey(), Range.closed(0L, (long) count - 1));
    }

    /** The last step of a deletion, after the bytes are gone; the record first, so a crash here is retried. */
    Mono<Void> forget(String id) {
        return redis.delete(key(id))
                .then(redis.opsForZSet().remove(deletingKey(), id))
                .then();
    }

    String key(String id) {
        return keys.key("complaint", "photo", id);
    }

    String unattachedKey() {
        return keys.key("complaint", "photos", "unattached");
    }

    private String claimedKey() {
        return keys.key("complaint", "photos", "claimed");
    }

    private String deletingKey() {
        return keys.key("complaint", "photos", "deleting");
    }
}
