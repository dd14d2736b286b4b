package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The photo scripts save-photo and expire-photos, with keys and arguments built as PhotoRecords builds them. */
@ExtendWith(RedisScriptExtension.class)
class PhotoScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String OWNER = "r-1";
    private static final long QUOTA = 10_000_000;
    private static final long KEEP = Duration.ofDays(1).toSeconds();
    private static final long NOW = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long CUTOFF = NOW - Duration.ofHours(24).toMillis();

    private static final String UNATTACHED = key("photos", "unattached");
    private static final String DELETING = key("photos", "deleting");
    private static final String HELD = key("photos", "held", OWNER);

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    PhotoScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // save-photo

    @Test
    void aSavedPhotoIsRecordedWaitsToBeNamedAndCountsTowardsItsOwnersQuota() {
        assertThat(save("ph-a1", 183_204, NOW)).isEqualTo(1L);

        assertThat(redis.hgetall(photo("ph-a1"))).isEqualTo(meta(183_204));
        assertThat(redis.zscore(UNATTACHED, "ph-a1")).isEqualTo((double) NOW);
        assertThat(redis.hgetall(HELD)).isEqualTo(Map.of("ph-a1", "183204"));
        assertThat(redis.ttl(HELD)).isEqualTo(KEEP);
    }

    @Test
    void aPhotoThatWouldTakeTheOwnerPastTheQuotaIsRefusedAndNothingIsWritten() {
        save("ph-a1", 6_000_000, NOW);
        redis.expire(HELD, 60);

        assertThat(save("ph-a2", 4_000_001, NOW + 1_000)).isEqualTo(0L);
        assertThat(redis.exists(photo("ph-a2"))).isZero();
        assertThat(redis.zscore(UNATTACHED, "ph-a2")).isNull();
        assertThat(redis.hgetall(HELD)).isEqualTo(Map.of("ph-a1", "6000000"));
        assertThat(redis.ttl(HELD)).as("the refusal keeps the lifetime").isBetween(59L, 60L);
    }

    @Test
    void aPhotoThatFillsTheQuotaExactlyIsSaved() {
        save("ph-a1", 6_000_000, NOW);

        assertThat(save("ph-a2", 4_000_000, NOW + 1_000)).isEqualTo(1L);
        assertThat(redis.hgetall(HELD)).isEqualTo(Map.of("ph-a1", "6000000", "ph-a2", "4000000"));
    }

    @Test
    void aSinglePhotoLargerThanTheQuotaIsRefused() {
        assertThat(save("ph-a1", (int) QUOTA + 1, NOW)).isEqualTo(0L);
        assertThat(redis.exists(photo("ph-a1"), UNATTACHED, HELD)).isZero();
    }

    @Test
    void photosNamedInACaseSinceNoLongerCountAndAreForgotten() {
        save("ph-a1", 9_000_000, NOW);
        redis.zrem(UNATTACHED, "ph-a1"); // a report named it

        assertThat(save("ph-a2", 9_000_000, NOW + 1_000)).isEqualTo(1L);
        assertThat(redis.hgetall(HELD)).isEqualTo(Map.of("ph-a2", "9000000"));
    }

    @Test
    void aRefusedPhotoStillForgetsThePhotosNamedSinceButWritesNothingOfItsOwn() {
        save("ph-a1", 9_000_000, NOW);
        save("ph-a2", 1_000_000, NOW + 1_000);
        redis.zrem(UNATTACHED, "ph-a2"); // a report named it

        assertThat(save("ph-a3", 2_000_000, NOW + 2_000)).isEqualTo(0L);
        assertThat(redis.hgetall(HELD)).isEqualTo(Map.of("ph-a1", "9000000"));
        assertThat(redis.exists(photo("ph-a3"))).isZero();
        assertThat(redis.zscore(UNATTACHED, "ph-a3")).isNull();
    }

    @Test
    void eachSaveStartsTheOwnersLifetimeAgain() {
        save("ph-a1", 1_000, NOW);
        redis.expire(HELD, 60);

        save("ph-a2", 1_000, NOW + 1_000);
        assertThat(redis.ttl(HELD)).isEqualTo(KEEP);
    }

    @Test
    void anotherOwnersPhotosDoNotCount() {
        String other = key("photos", "held", "r-2");
        redis.zadd(UNATTACHED, NOW, "ph-b1");
        redis.hset(other, "ph-b1", Long.toString(QUOTA));

        assertThat(save("ph-a1", 1_000, NOW)).isEqualTo(1L);
        assertThat(redis.hgetall(other)).isEqualTo(Map.of("ph-b1", Long.toString(QUOTA)));
    }

    // expire-photos

    @Test
    void aPhotoNobodyNamedBeforeTheCutoffMovesToTheDeletingSetAndIsMarked() {
        uploaded("ph-a1", CUTOFF - 1);

        assertThat(expire(List.of("ph-a1"))).isEqualTo(List.of("ph-a1"));
        assertThat(redis.zscore(UNATTACHED, "ph-a1")).isNull();
        assertThat(redis.zscore(DELETING, "ph-a1")).isEqualTo((double) NOW);
        assertThat(redis.hget(photo("ph-a1"), "deleting")).isEqualTo(Long.toString(NOW));
        assertThat(redis.hget(photo("ph-a1"), "owner"))
                .as("the record stays until the bytes are gone")
                .isEqualTo(OWNER);
    }

    @Test
    void aPhotoUploadedAtTheCutoffIsDueAndOneUploadedAfterItIsNot() {
        uploaded("ph-at", CUTOFF);
        uploaded("ph-after", CUTOFF + 1);

        assertThat(expire(List.of("ph-at", "ph-after"))).isEqualTo(List.of("ph-at"));
        assertThat(redis.zscore(UNATTACHED, "ph-after")).isEqualTo(CUTOFF + 1.0);
        assertThat(redis.hexists(photo("ph-after"), "deleting")).isFalse();
        assertThat(redis.zscore(DELETING, "ph-after")).isNull();
    }

    @Test
    void aPhotoNamedInACaseSinceTheCandidatesWereReadIsKept() {
        uploaded("ph-a1", CUTOFF - 1);
        redis.hset(photo("ph-a1"), "case", "JZ20261122-000123");
        redis.zrem(UNATTACHED, "ph-a1");

        assertThat(expire(List.of("ph-a1"))).isEqualTo(List.of());
        assertThat(redis.hexists(photo("ph-a1"), "deleting")).isFalse();
        assertThat(redis.exists(DELETING)).isZero();
    }

    @Test
    void aPhotoThatNamesACaseIsKeptEvenIfStillInTheUnattachedSet() {
        uploaded("ph-a1", CUTOFF - 1);
        redis.hset(photo("ph-a1"), "case", "JZ20261122-000123");

        assertThat(expire(List.of("ph-a1"))).isEqualTo(List.of());
        assertThat(redis.zscore(UNATTACHED, "ph-a1")).isEqualTo(CUTOFF - 1.0);
        assertThat(redis.exists(DELETING)).isZero();
    }

    @Test
    void aPhotoMarkedByAnEarlierSweepIsNotMarkedAgain() {
        uploaded("ph-a1", CUTOFF - 1);
        expire(List.of("ph-a1"));

        assertThat(scripts.run(
                        "complaint/expire-photos",
                        List.of(UNATTACHED, DELETING, photo("ph-a1")),
                        List.of(Long.toString(CUTOFF + 60_000), Long.toString(NOW + 60_000))))
                .isEqualTo(List.of());
        assertThat(redis.zscore(DELETING, "ph-a1")).isEqualTo((double) NOW);
        assertThat(redis.hget(photo("ph-a1"), "deleting")).isEqualTo(Long.toString(NOW));
    }

    @Test
    void onlyTheDueCandidatesAreMarkedInTheOrderGiven() {
        uploaded("ph-c", CUTOFF - 3);
        uploaded("ph-new", NOW - 1_000);
        uploaded("ph-a", CUTOFF - 1);

        assertThat(expire(List.of("ph-c", "ph-new", "ph-gone", "ph-a"))).isEqualTo(List.of("ph-c", "ph-a"));
        assertThat(redis.zrange(UNATTACHED, 0, -1)).containsExactly("ph-new");
        assertThat(redis.zrange(DELETING, 0, -1)).containsExactlyInAnyOrder("ph-c", "ph-a");
        assertThat(redis.exists(photo("ph-gone")))
                .as("no record made for an unknown id")
                .isZero();
    }

    @Test
    void noCandidatesMarkNothing() {
        uploaded("ph-a1", CUTOFF - 1);

        assertThat(expire(List.of())).isEqualTo(List.of());
        assertThat(redis.zscore(UNATTACHED, "ph-a1")).isEqualTo(CUTOFF - 1.0);
    }

    private Object save(String id, int size, long at) {
        List<String> args = new ArrayList<>(
                List.of(id, Long.toString(at), Integer.toString(size), Long.toString(QUOTA), Long.toString(KEEP)));
        meta(size).forEach((name, value) -> args.addAll(List.of(name, value)));
        return scripts.run("complaint/save-photo", List.of(photo(id), UNATTACHED, HELD), args);
    }

    /** A photo as save-photo.lua leaves it, uploaded at {@code at}. */
    private void uploaded(String id, long at) {
        redis.hset(photo(id), meta(1_000));
        redis.zadd(UNATTACHED, at, id);
    }

    private Object expire(List<String> ids) {
        List<String> keys = new ArrayList<>(List.of(UNATTACHED, DELETING));
        ids.forEach(id -> keys.add(photo(id)));
        return scripts.run("complaint/expire-photos", keys, List.of(Long.toString(CUTOFF), Long.toString(NOW)));
    }

    private static Map<String, String> meta(int size) {
        return Map.of(
                "owner",
                OWNER,
                "mediaType",
                "image/jpeg",
                "size",
                Integer.toString(size),
                "at",
                "2026-11-22T02:00:00Z");
    }

    private static String photo(String id) {
        return key("photo", id);
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
