package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lettuce.core.GeoCoordinates;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.cityservice.redis.StreamEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scripts that write a case: submit, move and merge, with keys and arguments built as ComplaintStore builds
 * them. A case's JSON holds only what the scripts read of it (version, status).
 */
@ExtendWith(RedisScriptExtension.class)
class CaseScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = "JZ20261122-000123";
    private static final String EARLIER = "JZ20261121-000042";
    private static final String RESIDENT = "r-1";
    private static final String DUPLICATE_REPORTER = "r-2";
    private static final String STATION = "st-7";
    private static final String DISTRICT = "中站区";
    private static final String SUBDISTRICT = "府城街道";
    private static final String CATEGORY = "street-vending";
    private static final double LNG = 113.1702;
    private static final double LAT = 35.2391;
    private static final long CREATED = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();
    private static final long YELLOW_AT = CREATED + 2 * 3_600_000;
    private static final long DUE_AT = CREATED + 4 * 3_600_000;
    private static final long NOW = CREATED + 600_000;

    private static final String CASES = key("cases");
    private static final String EVENTS = key("events");
    private static final String AUDIT = key("audit");
    private static final String YELLOW = key("due", "yellow");
    private static final String RED = key("due", "red");
    private static final String ALERT_YELLOW = key("by-alert", "YELLOW");
    private static final String ALERT_RED = key("by-alert", "RED");
    private static final String DEADLINES = key("by-deadline");
    private static final String UNATTACHED = key("photos", "unattached");
    private static final String CLAIMED = key("photos", "claimed");
    private static final String NOTICES = key("notices");
    private static final String NOTICES_DUE = key("notices", "due");
    private static final String OPEN_GEO = key("open-geo", CATEGORY);
    private static final String OUTBOX_DUE = key("outbox", "due");
    private static final String IDEMPOTENCY = key("idempotency", RESIDENT, "7f1c9e2a-key");
    private static final String NO_IDEMPOTENCY = key("idempotency", "none");
    private static final String PLATFORM_ORDER = key("platform-order", "12345-jiaozuo", "GD2026112200042");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    CaseScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // submit

    @Test
    void aNewReportIsStoredWithItsIndexesTimelineClockAndEvent() {
        assertThat(submit(new Report(CASE))).isEqualTo("created " + CASE);

        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 1, "RECEIVED"));
        for (String index : submitIndexes()) {
            assertThat(redis.zscore(index, CASE)).as(index).isEqualTo((double) CREATED);
        }
        assertThat(redis.zscore(YELLOW, CASE)).isEqualTo((double) YELLOW_AT);
        assertThat(redis.zscore(RED, CASE)).isEqualTo((double) DUE_AT);
        assertThat(redis.zscore(DEADLINES, CASE)).isEqualTo((double) DUE_AT);
        assertThat(position(OPEN_GEO, CASE).getX().doubleValue()).isCloseTo(LNG, within(1e-4));
        assertThat(position(OPEN_GEO, CASE).getY().doubleValue()).isCloseTo(LAT, within(1e-4));
        assertThat(redis.lrange(timeline(CASE), 0, -1)).containsExactly(entry(CASE, "RECEIVED"));
        assertThat(events()).containsExactly(event("RECEIVED", CASE));
        assertThat(redis.get(IDEMPOTENCY)).isEqualTo(CASE);
        assertThat(redis.ttl(IDEMPOTENCY)).isBetween(86_390L, 86_400L);
    }

    @Test
    void aNumberACaseAlreadyHasOverwritesNothing() {
        submit(new Report(CASE));
        Report again = new Report(CASE); // the day's sequence went back and handed out the number again
        again.once = NO_IDEMPOTENCY;
        again.onceFor = "0";
        again.resident = "r-other";

        assertThat(submit(again)).isEqualTo("number-taken " + CASE);
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 1, "RECEIVED"));
        assertThat(redis.zrange(key("by-resident", "r-other"), 0, -1)).isEmpty();
        assertThat(redis.lrange(timeline(CASE), 0, -1)).hasSize(1);
        assertThat(events()).hasSize(1);
    }

    @Test
    void aRepeatedIdempotencyKeyNamesTheFirstCaseAndWritesNothing() {
        submit(new Report(CASE));

        assertThat(submit(new Report("JZ20261122-000124"))).isEqualTo("existing " + CASE);
        assertThat(redis.hkeys(CASES)).containsExactly(CASE);
        assertThat(redis.exists(timeline("JZ20261122-000124"))).isZero();
        assertThat(redis.zrange(key("all"), 0, -1)).containsExactly(CASE);
        assertThat(events()).hasSize(1);
    }

    @Test
    void aReportWithoutAnIdempotencyKeyRemembersNoneAndIsNeverTakenForAnother() {
        Report first = new Report(CASE);
        first.once = NO_IDEMPOTENCY;
        first.onceFor = "0";
        Report second = new Report("JZ20261122-000124");
        second.once = NO_IDEMPOTENCY;
        second.onceFor = "0";

        assertThat(submit(first)).isEqualTo("created " + CASE);
        assertThat(submit(second)).isEqualTo("created JZ20261122-000124");
        assertThat(redis.exists(NO_IDEMPOTENCY)).isZero();
        assertThat(redis.hlen(CASES)).isEqualTo(2L);
    }

    @Test
    void aPlatformOrderNamesItsCaseForGood() {
        Report order = new Report(CASE);
        order.once = PLATFORM_ORDER;
        order.onceFor = "ever";
        Report again = new Report("JZ20261122-000124");
        again.once = PLATFORM_ORDER;
        again.onceFor = "ever";

        assertThat(submit(order)).isEqualTo("created " + CASE);
        assertThat(redis.get(PLATFORM_ORDER)).isEqualTo(CASE);
        assertThat(redis.ttl(PLATFORM_ORDER)).as("no expiry").isEqualTo(-1L);
        assertThat(submit(again)).isEqualTo("existing " + CASE);
        assertThat(redis.hkeys(CASES)).containsExactly(CASE);
    }

    @Test
    void aReportByAddressOnlyStaysOutOfTheNearbySearch() {
        Report byAddress = new Report(CASE);
        byAddress.located = false;

        assertThat(submit(byAddress)).isEqualTo("created " + CASE);
        assertThat(redis.exists(OPEN_GEO)).isZero();
        assertThat(redis.zscore(key("all"), CASE)).isEqualTo((double) CREATED);
    }

    @Test
    void aReportWithoutAClockStaysOutOfTheDeadlineIndexes() {
        Report unclocked = new Report(CASE);
        unclocked.clocked = false;

        assertThat(submit(unclocked)).isEqualTo("created " + CASE);
        assertThat(redis.exists(YELLOW, RED, DEADLINES)).isZero();
        assertThat(redis.zscore(key("all"), CASE)).isEqualTo((double) CREATED);
    }

    // claim-photos, release-photo: the photos a report or step names live apart from its case

    @Test
    void claimingThePhotosAReportNamesTakesThemOutOfTheCleanupsReachUntilTheCaseIsWritten() {
        uploaded("ph-0a1b2c3d4e5f60718293");
        uploaded("ph-ffeeddccbbaa99887766");
        uploaded("ph-not-named-0000000000");

        assertThat(claim(CASE, "ph-0a1b2c3d4e5f60718293", "ph-ffeeddccbbaa99887766"))
                .isEqualTo("ok");
        assertThat(redis.hget(photo("ph-0a1b2c3d4e5f60718293"), "case")).isEqualTo(CASE);
        assertThat(redis.hget(photo("ph-ffeeddccbbaa99887766"), "case")).isEqualTo(CASE);
        assertThat(redis.zrange(UNATTACHED, 0, -1)).containsExactly("ph-not-named-0000000000");
        assertThat(redis.zrange(CLAIMED, 0, -1)).containsExactly("ph-0a1b2c3d4e5f60718293", "ph-ffeeddccbbaa99887766");
        assertThat(redis.zscore(CLAIMED, "ph-0a1b2c3d4e5f60718293")).isEqualTo((double) NOW);
    }

    @ParameterizedTest
    @EnumSource
    void aClaimNamingAPhotoNoLongerFreeClaimsNone(PhotoState state) {
        uploaded("ph-0a1b2c3d4e5f60718293");
        gone("ph-ffeeddccbbaa99887766", state);

        assertThat(claim(CASE, "ph-0a1b2c3d4e5f60718293", "ph-ffeeddccbbaa99887766"))
                .isEqualTo("photo-gone ph-ffeeddccbbaa99887766");
        assertThat(redis.hexists(photo("ph-0a1b2c3d4e5f60718293"), "case")).isFalse();
        assertThat(redis.zrange(UNATTACHED, 0, -1)).contains("ph-0a1b2c3d4e5f60718293");
        assertThat(redis.exists(CLAIMED)).isZero();
    }

    @Test
    void claimingAgainForTheSameCaseChangesNothing() {
        uploaded("ph-0a1b2c3d4e5f60718293");
        claim(CASE, "ph-0a1b2c3d4e5f60718293");
        redis.zrem(CLAIMED, "ph-0a1b2c3d4e5f60718293"); // its case was written

        assertThat(claim(CASE, "ph-0a1b2c3d4e5f60718293")).isEqualTo("ok");
        assertThat(redis.hget(photo("ph-0a1b2c3d4e5f60718293"), "case")).isEqualTo(CASE);
        assertThat(redis.exists(CLAIMED, UNATTACHED)).isZero();
    }

    @Test
    void aPhotoClaimedForACaseThatNeverNamedItWaitsAgainFromItsUploadTime() {
        uploaded("ph-0a1b2c3d4e5f60718293");
        claim(CASE, "ph-0a1b2c3d4e5f60718293");

        assertThat(release("ph-0a1b2c3d4e5f60718293", "JZ20261120-000007")).isEqualTo(0L); // not that case's
        assertThat(redis.hget(photo("ph-0a1b2c3d4e5f60718293"), "case")).isEqualTo(CASE);
        claim(CASE, "ph-0a1b2c3d4e5f60718293");
        assertThat(release("ph-0a1b2c3d4e5f60718293", CASE)).isEqualTo(1L);
        assertThat(redis.hexists(photo("ph-0a1b2c3d4e5f60718293"), "case")).isFalse();
        assertThat(redis.zscore(UNATTACHED, "ph-0a1b2c3d4e5f60718293")).isEqualTo((double) CREATED - 120_000);
        assertThat(redis.exists(CLAIMED)).isZero();
    }

    // move

    @Test
    void aStepOfACaseThatDoesNotExistIsMissingAndWritesNothing() {
        assertThat(move(registering())).isEqualTo("missing 0");
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void aStepFromAVersionSomebodyChangedMeanwhileIsAConflictNamingTheCurrentOneAndWritesNothing() {
        submit(new Report(CASE));
        move(registering());
        Step late = registering();
        late.json = caseJson(CASE, 2, "REJECTED");

        assertThat(move(late)).isEqualTo("conflict 2");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 2, "REGISTERED"));
        assertThat(redis.llen(timeline(CASE))).isEqualTo(2L);
        assertThat(redis.xlen(AUDIT)).isEqualTo(1L);
    }

    @Test
    void aStepChangesTheCaseItsIndexesClockTimelineEventAndAuditTogether() {
        submit(new Report(CASE));
        redis.zadd(ALERT_YELLOW, CREATED, CASE); // marked by an escalation after the caller read the case
        Step step = registering();

        assertThat(move(step)).isEqualTo("ok 2");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 2, "REGISTERED"));
        for (String index : step.left) {
            assertThat(redis.exists(index)).as(index).isZero();
        }
        for (String index : step.joined) {
            assertThat(redis.zscore(index, CASE)).as(index).isEqualTo((double) CREATED);
        }
        assertThat(redis.exists(ALERT_YELLOW)).isZero();
        assertThat(redis.zscore(YELLOW, CASE)).isEqualTo(step.yellowAt + 0.0);
        assertThat(redis.zscore(RED, CASE)).isEqualTo(step.redAt + 0.0);
        assertThat(redis.zscore(DEADLINES, CASE)).isEqualTo(step.dueAt + 0.0);
        assertThat(redis.lrange(timeline(CASE), 0, -1))
                .containsExactly(entry(CASE, "RECEIVED"), entry(CASE, "REGISTERED"));
        assertThat(events()).containsExactly(event("RECEIVED", CASE), event("REGISTERED", CASE));
        assertThat(audit()).containsExactly(Map.of("action", "REGISTER", "trackingNo", CASE, "by", "staff-3"));
        assertThat(position(OPEN_GEO, CASE)).isNotNull();
        assertThat(redis.exists(outbox(CASE), OUTBOX_DUE))
                .as("no platform hears of it")
                .isZero();
    }

    @Test
    void aStepOfAPlatformCaseQueuesItsUpdateDueAtOnce() {
        submit(new Report(CASE));
        Step step = registering();
        step.update = update(CASE + ":2", "SIGNED");

        assertThat(move(step)).isEqualTo("ok 2");
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(update(CASE + ":2", "SIGNED"));
        assertThat(redis.zscore(OUTBOX_DUE, CASE)).isEqualTo((double) step.now);
    }

    @Test
    void anUpdateBehindOthersLeavesTheCasesNextAttemptAlone() {
        submit(new Report(CASE));
        redis.rpush(outbox(CASE), update(CASE + ":1", "SIGNED"));
        redis.zadd(OUTBOX_DUE, NOW + 300_000, CASE); // backing off after failures
        Step step = registering();
        step.update = update(CASE + ":2", "DISPATCHED");

        assertThat(move(step)).isEqualTo("ok 2");
        assertThat(redis.lrange(outbox(CASE), 0, -1))
                .containsExactly(update(CASE + ":1", "SIGNED"), update(CASE + ":2", "DISPATCHED"));
        assertThat(redis.zscore(OUTBOX_DUE, CASE)).isEqualTo(NOW + 300_000.0);
    }

    @Test
    void aClosedCaseLeavesTheNearbySearchAndItsClockAndNamesItsFollowers() {
        submit(new Report(CASE));
        redis.sadd(key("followers", CASE), "r-2", "r-3");
        redis.zadd(ALERT_RED, CREATED, CASE);

        assertThat(move(closing())).isEqualTo("ok 2");
        assertThat(redis.exists(OPEN_GEO, YELLOW, RED, DEADLINES, ALERT_RED)).isZero();
        Map<String, String> closed = events().get(1);
        assertThat(closed).containsEntry("type", "CLOSED");
        assertThat(closed.get("followers").split(",")).containsExactlyInAnyOrder("r-2", "r-3");
    }

    @Test
    void aStepThatClosesNothingNamesNoFollowers() {
        submit(new Report(CASE));
        redis.sadd(key("followers", CASE), "r-2");

        move(registering());
        assertThat(events().get(1)).doesNotContainKey("followers");
    }

    @Test
    void anOpenCaseReportedByAddressIsNotAddedToTheNearbySearch() {
        Report byAddress = new Report(CASE);
        byAddress.located = false;
        submit(byAddress);
        Step step = registering();
        step.located = false;

        assertThat(move(step)).isEqualTo("ok 2");
        assertThat(redis.exists(OPEN_GEO)).isZero();
    }

    @Test
    void aNoticeNotSentYetIsReplacedByTheLatestState() {
        submit(new Report(CASE));
        redis.hset(NOTICES, CASE, notice(CASE, "RECEIVED"));
        redis.zadd(NOTICES_DUE, NOW - 1_000, CASE);
        Step step = registering();
        step.notice = notice(CASE, "REGISTERED");

        assertThat(move(step)).isEqualTo("ok 2");
        assertThat(redis.hgetall(NOTICES)).isEqualTo(Map.of(CASE, notice(CASE, "REGISTERED")));
        assertThat(redis.zscore(NOTICES_DUE, CASE)).isEqualTo((double) step.noticeDue);
    }

    // merge

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CLOSED", "REJECTED"})
    void aMergeIntoACaseThatEndedMeanwhileIsIntoDoneAndWritesNothing(String ended) {
        duplicate();
        submit(new Report(EARLIER));
        redis.hset(CASES, EARLIER, caseJson(EARLIER, 5, ended));
        Merge merge = new Merge();
        merge.update = update(CASE + ":2", "RETURNED");

        assertThat(merge(merge)).isEqualTo("into-done 0");
        assertUntouchedByMerge();
    }

    @Test
    void aMergeIntoACaseThatIsGoneIsIntoDone() {
        duplicate();

        assertThat(merge(new Merge())).isEqualTo("into-done 0");
        assertUntouchedByMerge();
    }

    @Test
    void aMergeOfADuplicateSomebodyChangedMeanwhileIsAConflict() {
        duplicate();
        submit(new Report(EARLIER));
        Merge merge = new Merge();
        merge.expected = 0;

        assertThat(merge(merge)).isEqualTo("conflict 1");
        assertUntouchedByMerge();
    }

    @Test
    void aMergeOfACaseThatDoesNotExistIsMissing() {
        submit(new Report(EARLIER));

        assertThat(merge(new Merge())).isEqualTo("missing 0");
        assertThat(redis.hkeys(CASES)).containsExactly(EARLIER);
        assertThat(redis.exists(AUDIT, key("followers", EARLIER))).isZero();
    }

    @Test
    void aMergedDuplicateLeavesTheLoopAndItsReporterFollowsTheEarlierCase() {
        duplicate();
        submit(new Report(EARLIER));
        redis.zadd(ALERT_YELLOW, CREATED, CASE);
        Merge merge = new Merge();
        merge.update = update(CASE + ":2", "RETURNED");

        assertThat(merge(merge)).isEqualTo("ok 2");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 2, "REJECTED"));
        assertThat(redis.hget(CASES, EARLIER)).as("not rewritten").isEqualTo(caseJson(EARLIER, 1, "RECEIVED"));
        assertThat(redis.zrange(status("RECEIVED"), 0, -1)).containsExactly(EARLIER);
        assertThat(redis.zscore(status("REJECTED"), CASE)).isEqualTo((double) CREATED);
        assertThat(redis.zrange(OPEN_GEO, 0, -1)).containsExactly(EARLIER);
        for (String clock : List.of(YELLOW, RED, DEADLINES)) {
            assertThat(redis.zrange(clock, 0, -1)).as(clock).containsExactly(EARLIER);
        }
        assertThat(redis.exists(ALERT_YELLOW)).isZero();
        assertThat(redis.lrange(timeline(CASE), 0, -1)).containsExactly(entry(CASE, "RECEIVED"), entry(CASE, "MERGE"));
        assertThat(redis.lrange(timeline(EARLIER), 0, -1))
                .containsExactly(entry(EARLIER, "RECEIVED"), entry(EARLIER, "MERGED_IN"));
        assertThat(redis.smembers(key("followers", EARLIER))).containsExactly(DUPLICATE_REPORTER);
        assertThat(redis.zscore(key("following", DUPLICATE_REPORTER), EARLIER)).isEqualTo((double) NOW);
        assertThat(redis.lrange(outbox(CASE), 0, -1)).containsExactly(update(CASE + ":2", "RETURNED"));
        assertThat(redis.zscore(OUTBOX_DUE, CASE)).isEqualTo((double) NOW);
        assertThat(events().get(2)).containsEntry("type", "MERGED").containsEntry("into", EARLIER);
        assertThat(audit()).hasSize(1);
    }

    @Test
    void aMergeIntoACaseOfAnotherHomeWritesTheDuplicatesSideOnly() {
        duplicate(); // EARLIER lives in another home: this one does not hold it
        Merge merge = new Merge();
        merge.elsewhere = true;

        assertThat(merge(merge)).isEqualTo("ok 2");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 2, "REJECTED"));
        assertThat(redis.zscore(status("REJECTED"), CASE)).isEqualTo((double) CREATED);
        assertThat(redis.lrange(timeline(CASE), 0, -1)).containsExactly(entry(CASE, "RECEIVED"), entry(CASE, "MERGE"));
        assertThat(redis.exists(timeline(EARLIER), key("followers", EARLIER), key("following", DUPLICATE_REPORTER)))
                .isZero();
        assertThat(events().get(1)).containsEntry("type", "MERGED").containsEntry("into", EARLIER);
        assertThat(audit()).hasSize(1);
    }

    private static final String RECORD = key("merged-in", CASE);
    private static final List<String> EARLIER_SIDE =
            List.of(timeline(EARLIER), key("followers", EARLIER), key("following", DUPLICATE_REPORTER), RECORD);

    /** merge-in.lua as ComplaintStore.merge runs it, by the run {@code token}, {@code at} ms after NOW. */
    private Object mergeIn(String token, long at) {
        List<String> keys = new ArrayList<>(List.of(CASES));
        keys.addAll(EARLIER_SIDE);
        return scripts.run(
                "complaint/merge-in",
                keys,
                List.of(
                        CASE,
                        EARLIER,
                        entry(EARLIER, "MERGED_IN"),
                        DUPLICATE_REPORTER,
                        Long.toString(NOW + at),
                        token,
                        "604800",
                        "60000"));
    }

    private Object mergeInEnd(String token, String how) {
        return scripts.run("complaint/merge-in-end", EARLIER_SIDE, List.of(token, how, EARLIER, "604800"));
    }

    @Test
    void theEarlierCasesSideOfAMergeAcrossHomesIsWrittenOnceByOneRunAtATime() {
        submit(new Report(EARLIER));

        assertThat(mergeIn("run-1", 0)).isEqualTo("ok");
        assertThat(mergeIn("run-2", 1_000)).as("while run-1 carries it").isEqualTo("busy " + EARLIER);
        assertThat(redis.lrange(timeline(EARLIER), 0, -1))
                .containsExactly(entry(EARLIER, "RECEIVED"), entry(EARLIER, "MERGED_IN"));
        assertThat(redis.smembers(key("followers", EARLIER))).containsExactly(DUPLICATE_REPORTER);
        assertThat(redis.zscore(key("following", DUPLICATE_REPORTER), EARLIER)).isEqualTo((double) NOW);

        assertThat(mergeInEnd("run-2", "undo")).as("not run-2's to end").isEqualTo(0L);
        assertThat(mergeInEnd("run-1", "done")).isEqualTo(1L);
        assertThat(redis.ttl(RECORD)).isPositive();
        assertThat(mergeIn("run-3", 120_000)).isEqualTo("done");
        assertThat(mergeInEnd("run-1", "undo")).as("done is done").isEqualTo(0L);
        assertThat(redis.llen(timeline(EARLIER))).isEqualTo(2L);
    }

    @Test
    void aRunThatDiedBetweenTheStepsIsTakenOverAfterAMinuteAsItStands() {
        submit(new Report(EARLIER));
        mergeIn("run-1", 0); // and run-1 died

        assertThat(mergeIn("run-2", 30_000)).isEqualTo("busy " + EARLIER);
        assertThat(mergeIn("run-2", 61_000)).isEqualTo("taken-over");
        assertThat(mergeInEnd("run-1", "done")).as("run-1 carries it no more").isEqualTo(0L);
        assertThat(mergeInEnd("run-2", "done")).isEqualTo(1L);
        assertThat(redis.llen(timeline(EARLIER))).as("written once").isEqualTo(2L);
        assertThat(redis.smembers(key("followers", EARLIER))).containsExactly(DUPLICATE_REPORTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CLOSED", "REJECTED"})
    void anEarlierCaseOfAnotherHomeThatEndedTakesNoMerge(String ended) {
        submit(new Report(EARLIER));
        redis.hset(CASES, EARLIER, caseJson(EARLIER, 3, ended));

        assertThat(mergeIn("run-1", 0)).isEqualTo("into-done");
        assertThat(redis.exists(key("followers", EARLIER), RECORD)).isZero();
        assertThat(redis.llen(timeline(EARLIER))).isEqualTo(1L);
    }

    @Test
    void theEarlierCasesSideIsTakenBackWhenTheDuplicatesIsRefusedAndAFollowItDidNotMakeStays() {
        submit(new Report(EARLIER));
        mergeIn("run-1", 0);

        assertThat(mergeInEnd("run-1", "undo")).isEqualTo(1L);
        assertThat(mergeInEnd("run-1", "undo")).isEqualTo(0L);
        assertThat(redis.lrange(timeline(EARLIER), 0, -1)).containsExactly(entry(EARLIER, "RECEIVED"));
        assertThat(redis.exists(key("followers", EARLIER), key("following", DUPLICATE_REPORTER), RECORD))
                .isZero();

        // she followed the case of her own accord before: the merge made no follow, and taking it back leaves hers
        redis.sadd(key("followers", EARLIER), DUPLICATE_REPORTER);
        mergeIn("run-2", 0);
        mergeInEnd("run-2", "undo");
        assertThat(redis.smembers(key("followers", EARLIER))).containsExactly(DUPLICATE_REPORTER);
        assertThat(redis.llen(timeline(EARLIER))).isEqualTo(1L);
    }

    @Test
    void aReporterOfBothCasesFollowsNothing() {
        submit(new Report(CASE));
        Report earlier = new Report(EARLIER);
        earlier.once = key("idempotency", RESIDENT, "3e8a-key");
        submit(earlier);
        Merge merge = new Merge();
        merge.reporter = RESIDENT;
        merge.reportedBoth = true;

        assertThat(merge(merge)).isEqualTo("ok 2");
        assertThat(redis.exists(key("followers", EARLIER), key("following", RESIDENT)))
                .isZero();
    }

    @Test
    void aResidentFollowingTheEarlierCaseAlreadyKeepsWhenSheStarted() {
        duplicate();
        submit(new Report(EARLIER));
        redis.sadd(key("followers", EARLIER), DUPLICATE_REPORTER);
        redis.zadd(key("following", DUPLICATE_REPORTER), CREATED - 86_400_000, EARLIER);

        assertThat(merge(new Merge())).isEqualTo("ok 2");
        assertThat(redis.zscore(key("following", DUPLICATE_REPORTER), EARLIER)).isEqualTo(CREATED - 86_400_000.0);
    }

    private void assertUntouchedByMerge() {
        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(CASE, 1, "RECEIVED"));
        assertThat(redis.llen(timeline(CASE))).isEqualTo(1L);
        assertThat(redis.zscore(status("RECEIVED"), CASE)).isEqualTo((double) CREATED);
        assertThat(redis.zscore(OPEN_GEO, CASE)).isNotNull();
        assertThat(redis.exists(
                        AUDIT,
                        key("followers", EARLIER),
                        key("following", DUPLICATE_REPORTER),
                        outbox(CASE),
                        OUTBOX_DUE))
                .isZero();
    }

    /** A report as ComplaintStore.submit passes it; each test changes what it is about. */
    private static final class Report {

        final String trackingNo;
        String resident = RESIDENT;
        String once = IDEMPOTENCY;
        String onceFor = "86400";
        boolean located = true;
        boolean clocked = true;

        Report(String trackingNo) {
            this.trackingNo = trackingNo;
        }
    }

    private Object submit(Report report) {
        String tn = report.trackingNo;
        List<String> keys = new ArrayList<>(List.of(
                report.once,
                CASES,
                key("by-resident", report.resident),
                key("by-station", STATION),
                key("by-district", DISTRICT),
                key("all"),
                status("RECEIVED"),
                timeline(tn),
                EVENTS,
                YELLOW,
                RED,
                OPEN_GEO,
                key("by-category", CATEGORY),
                key("by-subdistrict", SUBDISTRICT),
                DEADLINES,
                key("by-station-status", STATION, "RECEIVED"),
                key("by-district-status", DISTRICT, "RECEIVED")));
        List<String> args = new ArrayList<>(List.of(
                tn, caseJson(tn, 1, "RECEIVED"), Long.toString(CREATED), entry(tn, "RECEIVED"), report.onceFor));
        args.addAll(report.clocked ? List.of(Long.toString(YELLOW_AT), Long.toString(DUE_AT)) : List.of("", ""));
        args.addAll(report.located ? List.of(Double.toString(LNG), Double.toString(LAT)) : List.of("", ""));
        args.add(entry(event("RECEIVED", tn)));
        return scripts.run("complaint/submit", keys, args);
    }

    /** The list indexes submit.lua puts a new case in, scored by when it was created. */
    private static List<String> submitIndexes() {
        return List.of(
                key("by-resident", RESIDENT),
                key("by-station", STATION),
                key("by-district", DISTRICT),
                key("all"),
                status("RECEIVED"),
                key("by-category", CATEGORY),
                key("by-subdistrict", SUBDISTRICT),
                key("by-station-status", STATION, "RECEIVED"),
                key("by-district-status", DISTRICT, "RECEIVED"));
    }

    /** A step as ComplaintStore.change passes it; each test changes what it is about. */
    private static final class Step {

        long expected = 1;
        String json;
        String status;
        boolean open = true;
        boolean located = true;
        long yellowAt = NOW + 3_600_000;
        long redAt = NOW + 7_200_000;
        Long dueAt = NOW + 7_200_000;
        String notice;
        long noticeDue = NOW + 1_000;
        String update;
        long now = NOW;
        List<String> left;
        List<String> joined;
        Map<String, String> audit;
    }

    /** 立案: RECEIVED → REGISTERED, the case's status indexes change and the next stage's clock starts. */
    private static Step registering() {
        return step("REGISTERED", "REGISTER", true);
    }

    /** 结案: the case leaves the nearby search and its clock stops. */
    private static Step closing() {
        Step step = step("CLOSED", "CLOSE", false);
        step.dueAt = null;
        return step;
    }

    private static Step step(String status, String action, boolean open) {
        Step step = new Step();
        step.json = caseJson(CASE, 2, status);
        step.status = status;
        step.open = open;
        step.left = List.of(
                status("RECEIVED"),
                key("by-station-status", STATION, "RECEIVED"),
                key("by-district-status", DISTRICT, "RECEIVED"));
        step.joined = List.of(
                status(status),
                key("by-station", STATION),
                key("by-district", DISTRICT),
                key("by-subdistrict", SUBDISTRICT),
                key("by-category", CATEGORY),
                key("by-station-status", STATION, status),
                key("by-district-status", DISTRICT, status));
        step.audit = Map.of("action", action, "trackingNo", CASE, "by", "staff-3");
        return step;
    }

    private Object move(Step step) {
        String tn = CASE;
        List<String> keys = new ArrayList<>(List.of(
                CASES,
                timeline(tn),
                EVENTS,
                AUDIT,
                YELLOW,
                RED,
                NOTICES,
                NOTICES_DUE,
                OPEN_GEO,
                key("followers", tn),
                ALERT_YELLOW,
                ALERT_RED,
                DEADLINES,
                outbox(tn),
                OUTBOX_DUE));
        keys.addAll(step.left);
        keys.addAll(step.joined);
        boolean clocked = step.dueAt != null;
        Map<String, String> event = event(step.status, tn);
        List<String> args = new ArrayList<>(List.of(
                tn,
                Long.toString(step.expected),
                step.json,
                Long.toString(CREATED),
                entry(tn, step.status),
                clocked ? Long.toString(step.yellowAt) : "",
                clocked ? Long.toString(step.redAt) : ""));
        args.addAll(
                step.notice == null ? List.of("", "", "") : List.of(tn, step.notice, Long.toString(step.noticeDue)));
        args.addAll(step.located ? List.of(Double.toString(LNG), Double.toString(LAT)) : List.of("", ""));
        args.addAll(List.of(
                step.open ? "1" : "0",
                "CLOSED".equals(step.status) ? "1" : "0",
                entry(event),
                Integer.toString(step.left.size()),
                clocked ? Long.toString(step.dueAt) : "",
                step.update == null ? "" : step.update,
                Long.toString(step.now)));
        args.add(entry(step.audit));
        return scripts.run("complaint/move", keys, args);
    }

    /** 合并: CASE, reported by {@code reporter}, is merged into EARLIER, which its reporter follows unless she reported both. */
    private static final class Merge {

        long expected = 1;
        String reporter = DUPLICATE_REPORTER;
        boolean reportedBoth;
        String update;
        /** EARLIER lives in another home, where merge-in.lua wrote its side. */
        boolean elsewhere;
    }

    /** The duplicate, reported by somebody else than EARLIER (by RESIDENT). */
    private Object duplicate() {
        Report duplicate = new Report(CASE);
        duplicate.resident = DUPLICATE_REPORTER;
        duplicate.once = key("idempotency", DUPLICATE_REPORTER, "0b5d-key");
        return submit(duplicate);
    }

    private Object merge(Merge merge) {
        List<String> left = List.of(
                status("RECEIVED"),
                key("by-station-status", STATION, "RECEIVED"),
                key("by-district-status", DISTRICT, "RECEIVED"));
        List<String> joined = List.of(
                status("REJECTED"),
                key("by-station", STATION),
                key("by-district", DISTRICT),
                key("by-subdistrict", SUBDISTRICT),
                key("by-category", CATEGORY),
                key("by-station-status", STATION, "REJECTED"),
                key("by-district-status", DISTRICT, "REJECTED"));
        List<String> keys = new ArrayList<>(List.of(
                CASES,
                timeline(CASE),
                merge.elsewhere ? timeline(CASE) : timeline(EARLIER),
                EVENTS,
                AUDIT,
                YELLOW,
                RED,
                NOTICES,
                NOTICES_DUE,
                OPEN_GEO,
                merge.elsewhere ? timeline(CASE) : key("followers", EARLIER),
                merge.elsewhere ? timeline(CASE) : key("following", merge.reporter),
                ALERT_YELLOW,
                ALERT_RED,
                DEADLINES,
                outbox(CASE),
                OUTBOX_DUE));
        keys.addAll(left);
        keys.addAll(joined);
        Map<String, String> event = new LinkedHashMap<>(event("MERGED", CASE));
        event.put("into", EARLIER);
        List<String> args = new ArrayList<>(List.of(
                CASE,
                Long.toString(merge.expected),
                caseJson(CASE, 2, "REJECTED"),
                Long.toString(CREATED),
                entry(CASE, "MERGE"),
                EARLIER,
                entry(EARLIER, "MERGED_IN"),
                merge.reportedBoth ? "" : merge.reporter,
                Long.toString(NOW),
                "",
                "",
                "",
                Integer.toString(left.size()),
                entry(event),
                merge.update == null ? "" : merge.update,
                entry(Map.of("action", "MERGE", "trackingNo", CASE, "by", "staff-3")),
                merge.elsewhere ? "elsewhere" : ""));
        return scripts.run("complaint/merge", keys, args);
    }

    private List<Map<String, String>> events() {
        return redis.xrange(EVENTS, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .toList();
    }

    private List<Map<String, String>> audit() {
        return redis.xrange(AUDIT, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .toList();
    }

    private GeoCoordinates position(String key, String member) {
        return redis.geopos(key, member).get(0);
    }

    private Object claim(String trackingNo, String... photos) {
        List<String> keys = new ArrayList<>(List.of(UNATTACHED, CLAIMED));
        for (String id : photos) {
            keys.add(photo(id));
        }
        return scripts.run("complaint/claim-photos", keys, List.of(trackingNo, Long.toString(NOW)));
    }

    private Object release(String id, String trackingNo) {
        return scripts.run(
                "complaint/release-photo",
                List.of(photo(id), UNATTACHED, CLAIMED),
                List.of(id, trackingNo, Long.toString(CREATED - 120_000)));
    }

    /** A photo uploaded and waiting to be named (save-photo.lua). */
    private void uploaded(String id) {
        redis.hset(
                photo(id),
                Map.of("owner", RESIDENT, "mediaType", "image/jpeg", "size", "183204", "at", "2026-11-22T01:58:00Z"));
        redis.zadd(UNATTACHED, CREATED - 120_000, id);
    }

    /** How a photo checked before it was claimed may no longer be free to claim. */
    enum PhotoState {
        DELETED,
        BEING_DELETED,
        IN_ANOTHER_CASE
    }

    private void gone(String id, PhotoState state) {
        if (state == PhotoState.DELETED) {
            return; // nothing is left of it
        }
        uploaded(id);
        if (state == PhotoState.BEING_DELETED) {
            redis.hset(photo(id), "deleting", "1"); // the cleanup took it
        } else {
            redis.hset(photo(id), "case", "JZ20261120-000007");
            redis.zrem(UNATTACHED, id);
        }
    }

    private static String caseJson(String trackingNo, long version, String status) {
        return "{\"trackingNo\":\"" + trackingNo + "\",\"version\":" + version + ",\"status\":\"" + status
                + "\",\"category\":\"" + CATEGORY + "\"}";
    }

    private static String entry(String trackingNo, String step) {
        return "{\"trackingNo\":\"" + trackingNo + "\",\"step\":\"" + step + "\",\"at\":\"2026-11-22T02:00:00Z\"}";
    }

    private static String notice(String trackingNo, String status) {
        return "{\"id\":\"n-" + status.toLowerCase() + "\",\"trackingNo\":\"" + trackingNo + "\",\"status\":\"" + status
                + "\"}";
    }

    private static String update(String id, String step) {
        return "{\"id\":\"" + id + "\",\"trackingNo\":\"" + CASE + "\",\"platform\":\"12345-jiaozuo\",\"step\":\""
                + step + "\"}";
    }

    /** An event or audit entry as the stores pass it: one argument. */
    private static String entry(Map<String, String> fields) {
        return StreamEntry.argument(JSON, fields);
    }

    private static Map<String, String> event(String type, String trackingNo) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("trackingNo", trackingNo);
        event.put("residentId", RESIDENT);
        event.put("category", CATEGORY);
        event.put("district", DISTRICT);
        return event;
    }

    private static String status(String status) {
        return key("by-status", status);
    }

    private static String timeline(String trackingNo) {
        return key("timeline", trackingNo);
    }

    private static String outbox(String trackingNo) {
        return key("outbox", "case", trackingNo);
    }

    private static String photo(String id) {
        return key("photo", id);
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
