package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scripts of a LeasedQueue: offer, claim, done and reap, on the survey queue's keys. */
@ExtendWith(RedisScriptExtension.class)
class LeasedQueueScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String ITEMS = KEYS.key("survey", "surveys");
    private static final String DUE = KEYS.key("survey", "due");
    private static final String IN_FLIGHT = KEYS.key("survey", "in-flight");
    private static final String ATTEMPTS = ITEMS + ":attempts";
    private static final long NOW = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long LEASE_END = NOW + 120_000;

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    LeasedQueueScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // offer

    @Test
    void anOfferQueuesTheItemAtItsDueTime() {
        assertThat(offer("sv-a", NOW + 1_000)).isEqualTo(1L);
        assertThat(redis.hget(ITEMS, "sv-a")).isEqualTo(survey("sv-a", "SCHEDULED"));
        assertThat(redis.zscore(DUE, "sv-a")).isEqualTo(NOW + 1_000.0);
    }

    @Test
    void aSecondOfferOfAnIdLeavesTheFirstAsItIs() {
        offer("sv-a", NOW + 1_000);

        assertThat(scripts.run(
                        "redis/offer",
                        List.of(DUE, ITEMS),
                        List.of("sv-a", survey("sv-a", "SENT"), Long.toString(NOW))))
                .isEqualTo(0L);
        assertThat(redis.hget(ITEMS, "sv-a")).isEqualTo(survey("sv-a", "SCHEDULED"));
        assertThat(redis.zscore(DUE, "sv-a")).isEqualTo(NOW + 1_000.0);
    }

    @Test
    void anOfferOfAnIdInFlightIsRefusedAndDoesNotMakeItDue() {
        offer("sv-a", NOW);
        claim(NOW, LEASE_END, 1);

        assertThat(offer("sv-a", NOW + 1_000)).isEqualTo(0L);
        assertThat(redis.exists(DUE)).isZero();
        assertThat(redis.zscore(IN_FLIGHT, "sv-a")).isEqualTo((double) LEASE_END);
    }

    // claim

    @Test
    void aClaimTakesDueItemsOldestFirstUpToItsLimitAndLeasesThem() {
        offer("sv-b", NOW - 2_000);
        offer("sv-a", NOW - 3_000);
        offer("sv-c", NOW);
        offer("sv-later", NOW + 1);

        assertThat(claim(NOW, LEASE_END, 2)).isEqualTo(array(survey("sv-a", "SCHEDULED"), survey("sv-b", "SCHEDULED")));
        assertThat(redis.zrangeWithScores(IN_FLIGHT, 0, -1))
                .containsExactly(ScoredValue.just(LEASE_END, "sv-a"), ScoredValue.just(LEASE_END, "sv-b"));
        assertThat(redis.zrange(DUE, 0, -1)).containsExactly("sv-c", "sv-later");
        assertThat(redis.hlen(ITEMS)).as("claimed items stay until done").isEqualTo(4L);
    }

    @Test
    void aClaimWithNothingDueTakesNothing() {
        offer("sv-a", NOW + 1);

        assertThat(claim(NOW, LEASE_END, 10)).isEqualTo("[]");
        assertThat(redis.zrange(DUE, 0, -1)).containsExactly("sv-a");
        assertThat(redis.exists(IN_FLIGHT)).isZero();
    }

    @Test
    void anIdStillInFlightIsSkippedAndStaysDueForAfterItsWorker() {
        offer("sv-a", NOW - 5_000);
        claim(NOW - 5_000, LEASE_END, 1);
        // a newer version under the same id, queued while a worker has the older one (as the owners' scripts do)
        redis.hset(ITEMS, "sv-a", survey("sv-a", "SENT"));
        redis.zadd(DUE, NOW - 4_000, "sv-a");
        offer("sv-b", NOW - 1_000);

        assertThat(claim(NOW, NOW + 60_000, 1)).isEqualTo(array(survey("sv-b", "SCHEDULED")));
        assertThat(redis.zscore(DUE, "sv-a")).isEqualTo(NOW - 4_000.0);
        assertThat(redis.zscore(IN_FLIGHT, "sv-a"))
                .as("the first worker's lease")
                .isEqualTo((double) LEASE_END);
    }

    @Test
    void aDueIdWhoseItemIsGoneLeavesTheDueSetWithoutALease() {
        redis.zadd(DUE, NOW - 1_000, "sv-gone");

        assertThat(claim(NOW, LEASE_END, 5)).isEqualTo("[]");
        assertThat(redis.exists(DUE, IN_FLIGHT)).isZero();
    }

    // done

    @Test
    void doneEndsTheClaimAndForgetsTheItemWithItsTries() {
        offer("sv-a", NOW);
        offer("sv-b", NOW + 60_000);
        claim(NOW, LEASE_END, 1);
        redis.hset(ATTEMPTS, "sv-a", "2");
        redis.hset(ATTEMPTS, "sv-b", "1");

        assertThat(done("sv-a")).isEqualTo(1L);
        assertThat(redis.exists(IN_FLIGHT)).isZero();
        assertThat(redis.hkeys(ITEMS)).containsExactly("sv-b");
        assertThat(redis.hkeys(ATTEMPTS)).containsExactly("sv-b");
    }

    @Test
    void aWorkerDoneAfterItsLeaseRanOutLeavesTheNextWorkersClaimAlone() {
        offer("sv-a", NOW);
        claim(NOW, LEASE_END, 1);
        reap(LEASE_END);
        claim(LEASE_END, LEASE_END + 120_000, 1);

        assertThat(done("sv-a")).isEqualTo(0L);
        assertThat(redis.zscore(IN_FLIGHT, "sv-a")).isEqualTo(LEASE_END + 120_000.0);
        assertThat(redis.hget(ITEMS, "sv-a")).isEqualTo(survey("sv-a", "SCHEDULED"));
        assertThat(scripts.run(
                        "redis/done",
                        List.of(IN_FLIGHT, ITEMS, ATTEMPTS),
                        List.of("sv-a", Long.toString(LEASE_END + 120_000))))
                .as("the next worker ends its own claim")
                .isEqualTo(1L);
        assertThat(redis.exists(IN_FLIGHT, ITEMS)).isZero();
    }

    @Test
    void doneAfterTheLeaseRanOutAndTheItemWentBackReturnsZeroAndKeepsIt() {
        offer("sv-a", NOW);
        claim(NOW, LEASE_END, 1);
        reap(LEASE_END);
        redis.hset(ATTEMPTS, "sv-a", "1");

        assertThat(done("sv-a")).isEqualTo(0L);
        assertThat(redis.hget(ITEMS, "sv-a")).isEqualTo(survey("sv-a", "SCHEDULED"));
        assertThat(redis.zscore(DUE, "sv-a")).isEqualTo((double) LEASE_END);
        assertThat(redis.hget(ATTEMPTS, "sv-a")).isEqualTo("1");
    }

    // reap

    @Test
    void reapPutsBackTheItemsWhoseLeaseRanOutDueAtOnce() {
        redis.zadd(IN_FLIGHT, NOW - 1, "sv-a");
        redis.zadd(IN_FLIGHT, NOW, "sv-b");
        redis.zadd(IN_FLIGHT, NOW + 1, "sv-c");

        assertThat(reap(NOW)).isEqualTo(2L);
        assertThat(redis.zrangeWithScores(DUE, 0, -1))
                .containsExactly(ScoredValue.just(NOW, "sv-a"), ScoredValue.just(NOW, "sv-b"));
        assertThat(redis.zrange(IN_FLIGHT, 0, -1)).containsExactly("sv-c");
    }

    @Test
    void reapWithNoLeaseRunOutPutsBackNothing() {
        redis.zadd(IN_FLIGHT, NOW + 1, "sv-a");

        assertThat(reap(NOW)).isEqualTo(0L);
        assertThat(redis.exists(DUE)).isZero();
        assertThat(redis.zscore(IN_FLIGHT, "sv-a")).isEqualTo(NOW + 1.0);
    }

    @Test
    void anItemWhoseWorkerDiedIsClaimedAgainAfterTheReap() {
        offer("sv-a", NOW);
        claim(NOW, LEASE_END, 1);
        reap(LEASE_END);

        assertThat(claim(LEASE_END, LEASE_END + 120_000, 1)).isEqualTo(array(survey("sv-a", "SCHEDULED")));
        assertThat(redis.zscore(IN_FLIGHT, "sv-a")).isEqualTo(LEASE_END + 120_000.0);
    }

    private Object offer(String id, long due) {
        return scripts.run(
                "redis/offer", List.of(DUE, ITEMS), List.of(id, survey(id, "SCHEDULED"), Long.toString(due)));
    }

    private Object claim(long now, long leaseEnd, int count) {
        return scripts.run(
                "redis/claim",
                List.of(DUE, IN_FLIGHT, ITEMS),
                List.of(Long.toString(now), Long.toString(leaseEnd), Integer.toString(count)));
    }

    /** The worker that was leased the item until {@code LEASE_END} is done with it. */
    private Object done(String id) {
        return scripts.run("redis/done", List.of(IN_FLIGHT, ITEMS, ATTEMPTS), List.of(id, Long.toString(LEASE_END)));
    }

    private Object reap(long now) {
        return scripts.run("redis/reap", List.of(DUE, IN_FLIGHT), List.of(Long.toString(now)));
    }

    private static String survey(String id, String status) {
        return "{\"id\":\"" + id + "\",\"trackingNo\":\"JZ20261122-000123\",\"status\":\"" + status + "\"}";
    }

    /** What claim.lua answers: the items' JSON as one JSON array. */
    private static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }
}
