package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The 附议 scripts follow, unfollow and followers, with keys and arguments built as Followers builds them. */
@ExtendWith(RedisScriptExtension.class)
class FollowerScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String CASE = "JZ20261122-000123";
    private static final String OTHER_CASE = "JZ20261122-000124";
    private static final String REPORTER = "r-1";
    private static final String NEIGHBOUR = "r-2";
    private static final int MAX_PER_CASE = 200;
    private static final long NOW = Instant.parse("2026-11-22T03:00:00Z").toEpochMilli();

    private static final String CASES = key("cases");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    FollowerScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // follow

    @Test
    void aResidentFollowsAnOpenCaseSomebodyElseReportedInBothIndexes() {
        stored(CASE, "DISPATCHED");

        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("added");
        assertThat(redis.smembers(followers(CASE))).containsExactly(NEIGHBOUR);
        assertThat(redis.zscore(following(NEIGHBOUR), CASE)).isEqualTo((double) NOW);
    }

    @Test
    void aSecondFollowIsNotCountedTwiceAndKeepsWhenSheStarted() {
        stored(CASE, "RECEIVED");
        follow(CASE, NEIGHBOUR, NOW);

        assertThat(follow(CASE, NEIGHBOUR, NOW + 60_000)).isEqualTo("already");
        assertThat(redis.scard(followers(CASE))).isEqualTo(1L);
        assertThat(redis.zscore(following(NEIGHBOUR), CASE)).isEqualTo((double) NOW);
    }

    @Test
    void aCaseThatDoesNotExistIsNotFollowed() {
        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("missing");
        assertThat(redis.exists(followers(CASE), following(NEIGHBOUR))).isZero();
    }

    @Test
    void theReporterDoesNotFollowHerOwnCase() {
        stored(CASE, "RECEIVED");

        assertThat(follow(CASE, REPORTER, NOW)).isEqualTo("own");
        assertThat(redis.exists(followers(CASE), following(REPORTER))).isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = ComplaintStatus.class,
            names = {"CLOSED", "REJECTED"})
    void aClosedOrRejectedCaseIsNotFollowed(ComplaintStatus status) {
        stored(CASE, status.name());

        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("closed");
        assertThat(redis.exists(followers(CASE), following(NEIGHBOUR))).isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = ComplaintStatus.class,
            names = {"CLOSED", "REJECTED"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyOpenStatusMayBeFollowed(ComplaintStatus status) {
        stored(CASE, status.name());

        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("added");
    }

    @Test
    void aCaseWithTheMostFollowersTakesNoMore() {
        stored(CASE, "DISPATCHED");
        for (int i = 0; i < MAX_PER_CASE - 1; i++) {
            redis.sadd(followers(CASE), "r-f" + i);
        }

        assertThat(follow(CASE, "r-last", NOW)).as("the last place").isEqualTo("added");
        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("full");
        assertThat(redis.scard(followers(CASE))).isEqualTo((long) MAX_PER_CASE);
        assertThat(redis.sismember(followers(CASE), NEIGHBOUR)).isFalse();
        assertThat(redis.exists(following(NEIGHBOUR))).isZero();
    }

    @Test
    void aFollowerOfACaseClosedSinceIsToldSheFollowsItAlready() {
        stored(CASE, "DISPATCHED");
        follow(CASE, NEIGHBOUR, NOW);
        stored(CASE, "CLOSED");

        assertThat(follow(CASE, NEIGHBOUR, NOW + 60_000)).isEqualTo("already");
    }

    @Test
    void followingOneCaseLeavesTheResidentsOtherCasesAsTheyWere() {
        stored(CASE, "DISPATCHED");
        stored(OTHER_CASE, "RECEIVED");
        follow(OTHER_CASE, NEIGHBOUR, NOW - 86_400_000);

        assertThat(follow(CASE, NEIGHBOUR, NOW)).isEqualTo("added");
        assertThat(redis.zrange(following(NEIGHBOUR), 0, -1)).containsExactly(OTHER_CASE, CASE);
        assertThat(redis.zscore(following(NEIGHBOUR), OTHER_CASE)).isEqualTo(NOW - 86_400_000.0);
    }

    // unfollow

    @Test
    void unfollowingLeavesBothIndexesAndSaysSheFollowedIt() {
        stored(CASE, "DISPATCHED");
        stored(OTHER_CASE, "RECEIVED");
        follow(CASE, NEIGHBOUR, NOW);
        follow(OTHER_CASE, NEIGHBOUR, NOW);
        follow(CASE, "r-3", NOW);

        assertThat(unfollow(CASE, NEIGHBOUR)).isEqualTo(1L);
        assertThat(redis.smembers(followers(CASE))).containsExactly("r-3");
        assertThat(redis.zrange(following(NEIGHBOUR), 0, -1)).containsExactly(OTHER_CASE);
    }

    @Test
    void unfollowingACaseSheDoesNotFollowAnswersZeroAndChangesNothing() {
        redis.sadd(followers(CASE), "r-3");

        assertThat(unfollow(CASE, NEIGHBOUR)).isEqualTo(0L);
        assertThat(redis.smembers(followers(CASE))).containsExactly("r-3");
        assertThat(redis.exists(following(NEIGHBOUR))).isZero();
    }

    @Test
    void aFollowedCaseLeftInHerListWithoutHerInItsFollowersIsDroppedStill() {
        redis.zadd(following(NEIGHBOUR), NOW, CASE);

        assertThat(unfollow(CASE, NEIGHBOUR)).isEqualTo(0L);
        assertThat(redis.exists(following(NEIGHBOUR))).isZero();
    }

    @Test
    void aResidentWhoUnfollowedMayFollowAgain() {
        stored(CASE, "DISPATCHED");
        follow(CASE, NEIGHBOUR, NOW);
        unfollow(CASE, NEIGHBOUR);

        assertThat(follow(CASE, NEIGHBOUR, NOW + 60_000)).isEqualTo("added");
        assertThat(redis.zscore(following(NEIGHBOUR), CASE)).isEqualTo(NOW + 60_000.0);
    }

    // followers

    @Test
    void countsAndTheCallersOwnFollowComeBackPairedPerCaseInTheOrderAsked() {
        redis.sadd(followers(CASE), NEIGHBOUR, "r-3", "r-4");
        redis.sadd(followers(OTHER_CASE), "r-3");

        assertThat(counts(List.of(CASE, OTHER_CASE, "JZ20261122-000125"), NEIGHBOUR))
                .isEqualTo(List.of(3L, 1L, 1L, 0L, 0L, 0L));
    }

    @Test
    void staffFollowNothingButSeeTheCounts() {
        redis.sadd(followers(CASE), NEIGHBOUR, "r-3");

        assertThat(counts(List.of(CASE), "")).isEqualTo(List.of(2L, 0L));
    }

    @Test
    void noCasesAskedGiveAnEmptyReply() {
        assertThat(counts(List.of(), NEIGHBOUR)).isEqualTo(List.of());
    }

    /** A case as far as follow.lua reads it: its reporter and status. */
    private void stored(String trackingNo, String status) {
        redis.hset(
                CASES,
                trackingNo,
                "{\"trackingNo\":\"" + trackingNo + "\",\"residentId\":\"" + REPORTER + "\",\"status\":\"" + status
                        + "\",\"version\":1}");
    }

    private Object follow(String trackingNo, String residentId, long at) {
        return scripts.run(
                "complaint/follow",
                List.of(CASES, followers(trackingNo), following(residentId)),
                List.of(trackingNo, residentId, Long.toString(at), Integer.toString(MAX_PER_CASE)));
    }

    private Object unfollow(String trackingNo, String residentId) {
        return scripts.run(
                "complaint/unfollow",
                List.of(followers(trackingNo), following(residentId)),
                List.of(trackingNo, residentId));
    }

    private Object counts(List<String> trackingNos, String residentId) {
        return scripts.run(
                "complaint/followers",
                trackingNos.stream().map(FollowerScriptsTest::followers).toList(),
                List.of(residentId));
    }

    private static String followers(String trackingNo) {
        return key("followers", trackingNo);
    }

    private static String following(String residentId) {
        return key("following", residentId);
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
