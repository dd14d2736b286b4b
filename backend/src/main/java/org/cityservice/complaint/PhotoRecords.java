package org.cityservice.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code photos:deleting} while the cleanup removes one nobody named in time. A photo lives in one of 256 shards,
 * the tag {@code photos:<xx>} of its owner (the first byte of the SHA-256 of the owner's id), which its id names
 * ({@code ph-<xx>-<20 hex>}), so the records spread over a cluster's masters and a report's photos, all its
 * reporter's own, share one slot. Photos uploaded before the shards ({@code ph-<20 hex>}) stay under {@code complaint}.
 */
@Component
class PhotoRecords {

    private static final RedisScript<Long> COUNT = LuaScripts.load("redis/count-with-expiry", Long.class);
    private static final RedisScript<String> CLAIM = LuaScripts.load("complaint/claim-photos", String.class);
    private static final RedisScript<Long> RELEASE = LuaScripts.load("complaint/release-photo", Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> EXPIRE = LuaScripts.load("complaint/expire-photos", List.class);

    private static final RedisScript<Long> SAVE = LuaScripts.load("complaint/save-photo", Long.class);

    private static final String LEGACY = "complaint";
    private static final Pattern SHARD_IN_ID = Pattern.compile("ph-([0-9a-f]{2})-[0-9a-f]{20}");

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;
    private final List<String> tags;

    PhotoRecords(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, RedisKeys keys) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        List<String> tags = new ArrayList<>();
        for (int shard = 0; shard < 256; shard++) {
            tags.add(shardTag(HexFormat.of().toHexDigits((byte) shard)));
        }
        tags.add(LEGACY);
        this.tags = List.copyOf(tags);
    }

    /** A new photo id of {@code owner}: her shard, then 80 random bits. */
    String newId(String owner, byte[] random) {
        return "ph-" + shardOf(owner) + "-" + HexFormat.of().formatHex(random);
    }

    /** Every shard's tag, the legacy one's among them: what the cleanup sweeps. */
    List<String> tags() {
        return tags;
    }

    /** The tag of a photo, by its id. */
    String tagOf(String id) {
        Matcher shard = SHARD_IN_ID.matcher(id);
        return shard.matches() ? shardTag(shard.group(1)) : LEGACY;
    }

    private static String shardTag(String shard) {
        return "photos:" + shard;
    }

    private static String shardOf(String owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().toHexDigits(digest[0]);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
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
        String tag = tagOf(id);
        return writes.execute(SAVE, List.of(key(id), unattachedKey(tag), keys.key(tag, "photos", "held", owner)), args)
                .single()
                .map(saved -> saved == 1);
    }

    /** Counts one upload of {@code owner} in {@code hour}: how many this makes. */
    Mono<Long> countUpload(String owner, String hour) {
        return redis.execute(
                        COUNT,
                        List.of(keys.key(shardTag(shardOf(owner)), "photos", "rate", owner, hour)),
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

    /** Up to {@code count} photos of a shard uploaded before {@code cutoff} and still not attached. */
    Flux<String> unattachedBefore(String tag, Instant cutoff, int count) {
        return redis.opsForZSet()
                .rangeByScore(
                        unattachedKey(tag),
                        Range.closed(0.0, (double) cutoff.toEpochMilli()),
                        Limit.limit().count(count));
    }

    /**
     * Claims the photos {@code ids} for the case {@code trackingNo} before the report or step that names them is
     * written ({@code claim-photos.lua}): empty when all are claimed (or were for this case already), else the id of
     * the first that is gone or another case's (then none stays claimed).
     */
    Mono<String> claim(List<String> ids, String trackingNo, Instant now) {
        // one script a shard: a report's photos are its reporter's, one shard, unless some were uploaded before the
        // shards; a claim refused in a later shard gives back what the earlier ones claimed
        List<Map.Entry<String, List<String>>> shards =
                new ArrayList<>(byTag(ids).entrySet());
        return Flux.range(0, shards.size())
                .concatMap(i -> {
                    Map.Entry<String, List<String>> inShard = shards.get(i);
                    List<String> scriptKeys =
                            new ArrayList<>(List.of(unattachedKey(inShard.getKey()), claimedKey(inShard.getKey())));
                    inShard.getValue().forEach(id -> scriptKeys.add(key(id)));
                    return writes.execute(CLAIM, scriptKeys, List.of(trackingNo, Long.toString(now.toEpochMilli())))
                            .single()
                            .filter(reply -> reply.startsWith("photo-gone "))
                            .flatMap(reply -> Flux.fromIterable(shards.subList(0, i))
                                    .flatMapIterable(Map.Entry::getValue)
                                    .concatMap(claimed -> meta(claimed)
                                            .flatMap(meta ->
                                                    release(claimed, trackingNo, Instant.parse(meta.get("at")))))
                                    .then(Mono.just(reply.substring("photo-gone ".length()))));
                })
                .next();
    }

    private Map<String, List<String>> byTag(List<String> ids) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        ids.forEach(
                id -> byTag.computeIfAbsent(tagOf(id), tag -> new ArrayList<>()).add(id));
        return byTag;
    }

    /** The case that claimed them is written: their claims are settled. */
    Mono<Void> settle(List<String> ids) {
        return Flux.fromIterable(byTag(ids).entrySet())
                .concatMap(inShard -> redis.opsForZSet()
                        .remove(claimedKey(inShard.getKey()), inShard.getValue().toArray()))
                .then();
    }

    /** Up to {@code count} photos of a shard claimed before {@code cutoff} whose case was not known to be written. */
    Flux<String> claimedBefore(String tag, Instant cutoff, int count) {
        return redis.opsForZSet()
                .rangeByScore(
                        claimedKey(tag),
                        Range.closed(0.0, (double) cutoff.toEpochMilli()),
                        Limit.limit().count(count));
    }

    /** Gives back a photo the case {@code trackingNo} claimed but never named: it waits again from {@code uploadedAt}. */
    Mono<Boolean> release(String id, String trackingNo, Instant uploadedAt) {
        return writes.execute(
                        RELEASE,
                        List.of(key(id), unattachedKey(tagOf(id)), claimedKey(tagOf(id))),
                        List.of(id, trackingNo, Long.toString(uploadedAt.toEpochMilli())))
                .single()
                .map(released -> released == 1);
    }

    /** The claim of a photo whose case names it is settled. */
    Mono<Void> settled(String id) {
        return redis.opsForZSet().remove(claimedKey(tagOf(id)), id).then();
    }

    /** Marks those of {@code ids} (of the shard {@code tag}) still unattached before {@code cutoff} for deletion. */
    @SuppressWarnings("unchecked")
    Flux<String> markForDeletion(String tag, List<String> ids, Instant cutoff, Instant now) {
        List<String> scriptKeys = new ArrayList<>(List.of(unattachedKey(tag), deletingKey(tag)));
        ids.forEach(id -> scriptKeys.add(key(id)));
        return redis.execute(
                        EXPIRE,
                        scriptKeys,
                        List.of(Long.toString(cutoff.toEpochMilli()), Long.toString(now.toEpochMilli())))
                .flatMapIterable(marked -> (List<String>) marked);
    }

    /** Photos of a shard marked for deletion whose bytes may still exist: a sweep's own, and any a crashed one left. */
    Flux<String> beingDeleted(String tag, int count) {
        return redis.opsForZSet().range(deletingKey(tag), Range.closed(0L, (long) count - 1));
    }

    /** The last step of a deletion, after the bytes are gone; the record first, so a crash here is retried. */
    Mono<Void> forget(String id) {
        return redis.delete(key(id))
                .then(redis.opsForZSet().remove(deletingKey(tagOf(id)), id))
                .then();
    }

    String key(String id) {
        return keys.key(tagOf(id), "photo", id);
    }

    String unattachedKey(String tag) {
        return keys.key(tag, "photos", "unattached");
    }

    private String claimedKey(String tag) {
        return keys.key(tag, "photos", "claimed");
    }

    private String deletingKey(String tag) {
        return keys.key(tag, "photos", "deleting");
    }
}
