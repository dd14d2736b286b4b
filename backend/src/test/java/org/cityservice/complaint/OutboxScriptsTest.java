package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.cityservice.redis.StreamEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** The scripts of a platform case's outbox (PlatformOutbox): claim, delivered, failed, append, retry and skip. */
@ExtendWith(RedisScriptExtension.class)
class OutboxScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = "JZ20261122-000123";
    private static final String OTHER_CASE = "JZ20261122-000124";
    private static final long NOW = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long LEASE_END = NOW + 60_000;

    private static final String DUE = KEYS.key("complaint", "outbox", "due");
    private static final String TRIES = KEYS.key("complaint", "outbox", "tries");
    private static final String FAILURES = KEYS.key("complaint", "outbox", "failures");
    private static final String APPENDED = KEYS.key("complaint", "outbox", "appended");
    private static final String LEASES = KEYS.key("complaint", "outbox", "leases");
    private static final String AUDIT = KEYS.key("complaint", "audit");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    OutboxScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // claim

    @Test
    void aCaseWhoseNextAttemptIsStillAheadGetsNothingAndKeepsItsNextAttempt() {
        waiting(CASE, NOW + 5_000, signed(CASE));

        assertThat(claim(CASE, NOW, LEASE_END)).isEqualTo(List.of());
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(NOW + 5_000.0);
    }

    @Test
    void aDueCaseHandsOutOnlyItsOldestUpdateWithItsTriesAndIsLeasedUntilTheLeaseEnd() {
        waiting(CASE, NOW - 1, signed(CASE), dispatched(CASE));
        redis.hset(TRIES, CASE, "2");

        assertThat(claim(CASE, NOW, LEASE_END)).isEqualTo(List.of(signed(CASE), 2L));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) LEASE_END);
        assertThat(redis.hget(LEASES, CASE)).as("the claim's token").isEqualTo(Long.toString(LEASE_END));
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(signed(CASE), dispatched(CASE));
    }

    @Test
    void aCaseThatNeverFailedIsHandedOutWithNoTries() {
        waiting(CASE, NOW, signed(CASE));

        assertThat(claim(CASE, NOW, LEASE_END)).isEqualTo(List.of(signed(CASE), 0L));
        assertThat(redis.exists(TRIES)).isZero();
    }

    @Test
    void aClaimOfACaseLeasedByAnotherSenderGetsNothing() {
        waiting(CASE, NOW, signed(CASE));
        claim(CASE, NOW, LEASE_END);

        assertThat(claim(CASE, NOW + 1_000, LEASE_END + 1_000)).isEqualTo(List.of());
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) LEASE_END);
    }

    @Test
    void aLeaseThatRanOutLeavesTheUpdateToTheNextSender() {
        waiting(CASE, NOW, signed(CASE));
        claim(CASE, NOW, LEASE_END);

        assertThat(claim(CASE, LEASE_END, LEASE_END + 60_000)).isEqualTo(List.of(signed(CASE), 0L));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(LEASE_END + 60_000.0);
    }

    @Test
    void aDueCaseWithAnEmptyOutboxGetsNothingAndLeavesTheDueSet() {
        redis.zadd(DUE, NOW - 1, CASE);
        redis.zadd(DUE, NOW - 1, OTHER_CASE);

        assertThat(claim(CASE, NOW, LEASE_END)).isEqualTo(List.of());
        assertThat(redis.zrange(DUE, 0, -1)).containsExactly(OTHER_CASE);
        assertThat(redis.exists(outbox(CASE))).isZero();
    }

    @Test
    void aCaseNotInTheDueSetGetsNothingEvenWithUpdatesInItsOutbox() {
        redis.rpush(outbox(CASE), signed(CASE));

        assertThat(claim(CASE, NOW, LEASE_END)).isEqualTo(List.of());
        assertThat(redis.exists(DUE)).isZero();
    }

    // delivered

    @Test
    void anAcknowledgedHeadLeavesTheOutboxAndTheNextUpdateIsDueAtOnceWithItsHistoryCleared() {
        waiting(CASE, LEASE_END, signed(CASE), dispatched(CASE));
        redis.hset(TRIES, Map.of(CASE, "3", OTHER_CASE, "1"));
        redis.hset(FAILURES, Map.of(CASE, failure("HTTP 503"), OTHER_CASE, failure("HTTP 500")));

        assertThat(delivered(CASE, CASE + ":2", NOW + 1_000)).isEqualTo(1L);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(dispatched(CASE));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(NOW + 1_000.0);
        assertThat(redis.hkeys(TRIES)).containsExactly(OTHER_CASE);
        assertThat(redis.hkeys(FAILURES)).containsExactly(OTHER_CASE);
    }

    @Test
    void theLastAcknowledgedUpdateTakesTheCaseOutOfTheDueSet() {
        waiting(CASE, LEASE_END, signed(CASE));
        redis.zadd(DUE, NOW, OTHER_CASE);

        assertThat(delivered(CASE, CASE + ":2", NOW + 1_000)).isEqualTo(1L);
        assertThat(redis.exists(outbox(CASE))).isZero();
        assertThat(redis.zrange(DUE, 0, -1)).containsExactly(OTHER_CASE);
    }

    @Test
    void aSecondAcknowledgementOfAnUpdateNoLongerInFrontChangesNothing() {
        waiting(CASE, LEASE_END, dispatched(CASE));
        redis.hset(TRIES, CASE, "1");

        assertThat(delivered(CASE, CASE + ":2", NOW + 1_000)).isEqualTo(0L);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(dispatched(CASE));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) LEASE_END);
        assertThat(redis.hget(TRIES, CASE)).isEqualTo("1");
    }

    @Test
    void anAcknowledgementForAnEmptyOutboxChangesNothing() {
        assertThat(delivered(CASE, CASE + ":2", NOW)).isEqualTo(0L);
        assertThat(redis.dbsize()).isZero();
    }

    // failed

    @Test
    void eachFailureOfTheLeaseHolderCountsATryKeepsTheLastFailureEndsTheLeaseAndSetsTheNextAttempt() {
        waiting(CASE, NOW, signed(CASE));
        claim(CASE, NOW, LEASE_END);
        assertThat(failed(CASE, NOW + 5_000, failure("HTTP 503"), LEASE_END, CASE + ":2"))
                .isEqualTo(1L);
        assertThat(redis.hexists(LEASES, CASE)).isFalse();

        claim(CASE, NOW + 5_000, LEASE_END + 5_000);
        assertThat(failed(CASE, NOW + 15_000, failure("ReadTimeoutException: 10s"), LEASE_END + 5_000, CASE + ":2"))
                .isEqualTo(2L);
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(NOW + 15_000.0);
        assertThat(redis.hget(TRIES, CASE)).isEqualTo("2");
        assertThat(redis.hget(FAILURES, CASE)).isEqualTo(failure("ReadTimeoutException: 10s"));
        assertThat(redis.lrange(outbox(CASE), 0, -1))
                .as("the update stays in front")
                .containsExactly(signed(CASE));
    }

    @Test
    void aFailureOfACaseWithNothingToDeliverAnyMoreRecordsNothing() {
        assertThat(failed(CASE, NOW + 5_000, failure("HTTP 503"), LEASE_END, CASE + ":2"))
                .isEqualTo(0L);
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void aLateFailureOfAnUpdateAnotherSenderDeliveredMeanwhileChangesNothing() {
        waiting(CASE, NOW, signed(CASE), dispatched(CASE));
        claim(CASE, NOW, LEASE_END); // sender A, which then hangs past its lease
        claim(CASE, LEASE_END, LEASE_END + 60_000); // sender B
        delivered(CASE, CASE + ":2", LEASE_END + 1_000);
        claim(CASE, LEASE_END + 1_000, LEASE_END + 61_000); // B goes on with the next update

        assertThat(failed(CASE, LEASE_END + 7_000, failure("ReadTimeoutException"), LEASE_END, CASE + ":2"))
                .isEqualTo(0L);
        assertThat(redis.zscore(DUE, CASE)).as("B's lease").isEqualTo(LEASE_END + 61_000.0);
        assertThat(redis.hexists(TRIES, CASE)).isFalse();
    }

    @Test
    void aLateFailureOfTheSameUpdateAnotherSenderNowHoldsChangesNothing() {
        waiting(CASE, NOW, signed(CASE));
        claim(CASE, NOW, LEASE_END); // sender A, past its lease
        claim(CASE, LEASE_END, LEASE_END + 60_000); // sender B has the same update now

        assertThat(failed(CASE, LEASE_END + 7_000, failure("ReadTimeoutException"), LEASE_END, CASE + ":2"))
                .isEqualTo(0L);
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(LEASE_END + 60_000.0);
        assertThat(redis.hget(LEASES, CASE)).isEqualTo(Long.toString(LEASE_END + 60_000));
    }

    // retry and skip

    @Test
    void aRetryMakesAWaitingCaseDueNowButLeavesOneBeingSentAlone() {
        waiting(CASE, NOW + 600_000, signed(CASE));
        assertThat(scripts.run("complaint/outbox-retry", List.of(DUE, LEASES), List.of(CASE, Long.toString(NOW))))
                .isEqualTo("due");
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) NOW);

        claim(CASE, NOW, LEASE_END);
        assertThat(scripts.run(
                        "complaint/outbox-retry", List.of(DUE, LEASES), List.of(CASE, Long.toString(NOW + 1_000))))
                .isEqualTo("sending");
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) LEASE_END);
        assertThat(scripts.run("complaint/outbox-retry", List.of(DUE, LEASES), List.of(OTHER_CASE, Long.toString(NOW))))
                .isEqualTo("none");
    }

    @Test
    void aSkipDropsOnlyTheUpdateInFrontWithAnAuditEntryAndTheNextOneIsDue() {
        waiting(CASE, NOW + 600_000, signed(CASE), dispatched(CASE));
        redis.hset(TRIES, CASE, "7");

        assertThat(skip(CASE, CASE + ":3", NOW)).as("not the one in front").isEqualTo("gone");
        assertThat(skip(CASE, CASE + ":2", NOW)).isEqualTo("skipped");
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(dispatched(CASE));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) NOW);
        assertThat(redis.hexists(TRIES, CASE)).isFalse();
        assertThat(redis.xrange(AUDIT, Range.create("-", "+")))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getBody())
                        .containsEntry("action", "SKIP_PLATFORM_CALLBACK")
                        .containsEntry("trackingNo", CASE));

        claim(CASE, NOW, LEASE_END);
        assertThat(skip(CASE, CASE + ":3", NOW + 1_000))
                .as("while a sender has it")
                .isEqualTo("sending");
        assertThat(skip(CASE, CASE + ":3", LEASE_END)).isEqualTo("skipped");
        assertThat(redis.exists(outbox(CASE), DUE)).isZero();
    }

    // append

    @Test
    void theFirstUpdateOfAnEmptyOutboxMakesTheCaseDueNow() {
        assertThat(append(surveyed(CASE, "sv-1"), NOW)).isEqualTo(1L);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(surveyed(CASE, "sv-1"));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) NOW);
        assertThat(redis.hget(APPENDED, CASE + ":survey:sv-1")).isEqualTo(CASE);
    }

    @Test
    void anUpdateBehindOthersWaitsItsTurnAndLeavesTheNextAttemptAlone() {
        waiting(CASE, NOW + 300_000, closed(CASE));

        assertThat(append(surveyed(CASE, "sv-1"), NOW)).isEqualTo(1L);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(closed(CASE), surveyed(CASE, "sv-1"));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(NOW + 300_000.0);
    }

    @Test
    void anUpdateIsQueuedOnceEvenAfterItWasDelivered() {
        append(surveyed(CASE, "sv-1"), NOW);
        delivered(CASE, CASE + ":survey:sv-1", NOW + 1_000);

        assertThat(append(surveyed(CASE, "sv-1"), NOW + 2_000)).isEqualTo(0L);
        assertThat(redis.exists(outbox(CASE))).isZero();
        assertThat(redis.exists(DUE)).isZero();
    }

    @Test
    void anUpdateStillWaitingIsNotQueuedTwice() {
        append(surveyed(CASE, "sv-1"), NOW);

        assertThat(append(surveyed(CASE, "sv-1"), NOW + 1_000)).isEqualTo(0L);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(surveyed(CASE, "sv-1"));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo((double) NOW);
    }

    private Object claim(String trackingNo, long now, long leaseEnd) {
        return scripts.run(
                "complaint/outbox-claim",
                List.of(DUE, outbox(trackingNo), TRIES, LEASES),
                List.of(trackingNo, Long.toString(now), Long.toString(leaseEnd)));
    }

    private Object delivered(String trackingNo, String updateId, long now) {
        return scripts.run(
                "complaint/outbox-delivered",
                List.of(DUE, outbox(trackingNo), TRIES, FAILURES, LEASES),
                List.of(trackingNo, updateId, Long.toString(now)));
    }

    private Object failed(String trackingNo, long nextAttempt, String failure, long leaseEnd, String updateId) {
        return scripts.run(
                "complaint/outbox-failed",
                List.of(DUE, TRIES, FAILURES, LEASES, outbox(trackingNo)),
                List.of(trackingNo, Long.toString(nextAttempt), failure, Long.toString(leaseEnd), updateId));
    }

    private Object skip(String trackingNo, String updateId, long now) {
        return scripts.run(
                "complaint/outbox-skip",
                List.of(DUE, outbox(trackingNo), TRIES, FAILURES, LEASES, AUDIT),
                List.of(
                        trackingNo,
                        updateId,
                        Long.toString(now),
                        StreamEntry.argument(
                                JsonMapper.builder().build(),
                                Map.of("action", "SKIP_PLATFORM_CALLBACK", "trackingNo", trackingNo))));
    }

    private Object append(String update, long now) {
        PlatformUpdate parsed = JSON.readValue(update, PlatformUpdate.class);
        return scripts.run(
                "complaint/outbox-append",
                List.of(DUE, outbox(parsed.trackingNo()), APPENDED),
                List.of(parsed.trackingNo(), parsed.id(), update, Long.toString(now)));
    }

    /** A case whose outbox holds {@code updates}, next tried at {@code nextAttempt}. */
    private void waiting(String trackingNo, long nextAttempt, String... updates) {
        redis.rpush(outbox(trackingNo), updates);
        redis.zadd(DUE, nextAttempt, trackingNo);
    }

    private static String outbox(String trackingNo) {
        return KEYS.key("complaint", "outbox", "case", trackingNo);
    }

    // the updates as PlatformOutbox writes them; a move's update is named by the case's version after it

    private static String signed(String trackingNo) {
        return update(trackingNo + ":2", trackingNo, PlatformUpdate.Step.SIGNED, null, null);
    }

    private static String dispatched(String trackingNo) {
        return update(trackingNo + ":3", trackingNo, PlatformUpdate.Step.DISPATCHED, null, null);
    }

    private static String closed(String trackingNo) {
        return update(trackingNo + ":6", trackingNo, PlatformUpdate.Step.CLOSED, "已清理占道堆放物", null);
    }

    private static String surveyed(String trackingNo, String surveyId) {
        return update(
                trackingNo + ":survey:" + surveyId,
                trackingNo,
                PlatformUpdate.Step.SURVEYED,
                null,
                new PlatformUpdate.Survey("SATISFIED", "满意", "YES"));
    }

    private static String update(
            String id, String trackingNo, PlatformUpdate.Step step, String text, PlatformUpdate.Survey survey) {
        return JSON.writeValueAsString(new PlatformUpdate(
                id,
                trackingNo,
                "12345-jiaozuo",
                "GD2026112200042",
                step,
                Instant.ofEpochMilli(NOW - 60_000),
                text,
                "解放区城管服务站",
                survey));
    }

    private static String failure(String error) {
        return JSON.writeValueAsString(Map.of("at", Instant.ofEpochMilli(NOW).toString(), "error", error));
    }
}
