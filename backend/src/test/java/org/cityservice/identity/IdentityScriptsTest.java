package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.ChangeLogEntries;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The identity scripts: the login window, the login rate counter, sessions and subscribe grants. */
@ExtendWith(RedisScriptExtension.class)
class IdentityScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final int GUESSES = 5;
    private static final long LOCKOUT_MS = Duration.ofMinutes(15).toMillis();
    private static final String ATTEMPTS = KEYS.key("identity", "login-attempts", "wang.fang");
    private static final long SESSION_TTL = Duration.ofDays(7).toSeconds();
    /** The session lifetime plus its margin (a tenth of it), as Sessions passes it. */
    private static final long SET_LEAST = SESSION_TTL + SESSION_TTL / 10;

    private static final String OWNER = KEYS.key("identity", "sessions", "resident", "r-1");
    private static final String PROFILE = KEYS.key("identity", "resident", "r-1");
    private static final String REVOCATIONS = KEYS.key("identity", "revocations");
    private static final String REVOCATIONS_REVISION = KEYS.key("identity", "revocations", "revision");
    private static final String GRANTS = KEYS.key("identity", "grants", "r-1");
    private static final String ECHO = KEYS.key("identity", "grant-echo", "r-1");
    private static final String OPERATIONS = KEYS.key("identity", "grant-ops", "r-1");
    private static final String TEMPLATE = "tpl-status-changed";

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    IdentityScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // take-login-slot, give-back-login-slot

    @Test
    void theFirstGuessOpensAWindowOfTheLockoutsLength() {
        assertThat(take("w-1")).isEqualTo(List.of("1", "1", Long.toString(LOCKOUT_MS), "w-1"));
        assertThat(redis.hgetall(ATTEMPTS)).isEqualTo(Map.of("window", "w-1", "used", "1"));
        assertThat(redis.pttl(ATTEMPTS)).isBetween(LOCKOUT_MS - 1_000, LOCKOUT_MS);
    }

    @Test
    void laterGuessesCountInTheWindowTheFirstOpened() {
        take("w-1");

        List<?> second = (List<?>) take("w-2");
        assertThat(second.subList(0, 2)).isEqualTo(List.of("1", "2"));
        assertThat(Long.parseLong((String) second.get(2))).isBetween(LOCKOUT_MS - 1_000, LOCKOUT_MS);
        assertThat(second.get(3)).isEqualTo("w-1");
        assertThat(redis.hget(ATTEMPTS, "window")).isEqualTo("w-1");
    }

    @Test
    void aFullWindowRefusesTheNextGuessWithTheTimeItStillRuns() {
        for (int i = 0; i < GUESSES; i++) {
            take("w-" + i);
        }

        List<?> refused = (List<?>) take("w-late");
        assertThat(refused.subList(0, 2)).isEqualTo(List.of("0", Integer.toString(GUESSES)));
        assertThat(Long.parseLong((String) refused.get(2))).isBetween(LOCKOUT_MS - 1_000, LOCKOUT_MS);
        assertThat(refused.get(3)).isEqualTo("");
        assertThat(redis.hget(ATTEMPTS, "used")).isEqualTo(Integer.toString(GUESSES));
    }

    @Test
    void aRightPasswordGivesBackItsOwnGuessOnly() {
        take("w-1");
        take("w-2");

        assertThat(giveBack("w-1")).isEqualTo("ok");
        assertThat(redis.hget(ATTEMPTS, "used")).isEqualTo("1");
    }

    @Test
    void aGuessOfAWindowThatEndedIsNotGivenBackToTheNextWindow() {
        take("w-1");
        redis.del(ATTEMPTS); // the window ran out
        take("w-2");

        assertThat(giveBack("w-1")).isEqualTo("ok");
        assertThat(redis.hgetall(ATTEMPTS)).isEqualTo(Map.of("window", "w-2", "used", "1"));
    }

    @Test
    void aGuessOfAWindowThatIsGoneLeavesNoKeyBehind() {
        assertThat(giveBack("w-1")).isEqualTo("ok");
        assertThat(redis.exists(ATTEMPTS)).isZero();
    }

    // count-with-expiry

    @Test
    void theFirstCountSetsTheCountersLifetimeAndLaterOnesKeepIt() {
        String counter = KEYS.key("identity", "login-rate", "resident", "203.0.113.0", "29864160");

        assertThat(count(counter)).isEqualTo(1L);
        assertThat(redis.ttl(counter)).isEqualTo(120L);
        redis.expire(counter, 30);
        assertThat(count(counter)).isEqualTo(2L);
        assertThat(redis.ttl(counter)).isBetween(29L, 30L);
    }

    // open-session, close-sessions

    @Test
    void aSessionLivesItsLifetimeAndJoinsItsOwnersSetWhichOutlivesIt() {
        assertThat(open("h-new", List.of())).isEqualTo("ok");

        assertThat(redis.get(session("h-new"))).isEqualTo("RESIDENT r-1|1795831200");
        assertThat(redis.ttl(session("h-new"))).isEqualTo(SESSION_TTL);
        assertThat(redis.smembers(OWNER)).containsExactly("h-new");
        assertThat(redis.pttl(OWNER)).isBetween(SET_LEAST * 1000 - 1_000, SET_LEAST * 1000);
    }

    @Test
    void openingASessionDropsLapsedOnesAndKeepsTheSetAsLongAsItsLongestSession() {
        redis.sadd(OWNER, "h-lapsed", "h-long");
        redis.set(session("h-long"), "RESIDENT r-1|1795000000");
        long longest = (SET_LEAST + 86_400) * 1000; // a session that got a longer lifetime before
        redis.pexpire(session("h-long"), longest);

        assertThat(open("h-new", List.of("h-lapsed", "h-long"))).isEqualTo("ok");
        assertThat(redis.smembers(OWNER)).containsExactlyInAnyOrder("h-long", "h-new");
        assertThat(redis.pttl(OWNER)).isBetween(longest - 1_000, longest);
    }

    @Test
    void anOwnerDeletedSinceTheCallerReadItGetsNoSession() {
        assertThat(openUnchecked("h-new", List.of())).isEqualTo("gone");
        assertThat(redis.exists(session("h-new"), OWNER)).isZero();
    }

    @Test
    void closingSessionsEndsThemAndForgetsThemInTheirOwnersSet() {
        open("h-1", List.of());
        open("h-2", List.of("h-1"));
        open("h-3", List.of("h-1", "h-2"));

        assertThat(close("h-1", "h-3")).isEqualTo("ok");
        assertThat(redis.exists(session("h-1"), session("h-3"))).isZero();
        assertThat(redis.exists(session("h-2"))).isOne();
        assertThat(redis.smembers(OWNER)).containsExactly("h-2");
    }

    @Test
    void closingASessionThatAlreadyLapsedForgetsItInTheSet() {
        open("h-1", List.of());
        redis.del(session("h-1"));

        assertThat(close("h-1")).isEqualTo("ok");
        assertThat(redis.exists(OWNER)).isZero();
    }

    // log-ended

    @Test
    void endedSessionsAreLoggedInOrderUnderTheRevisionTheyMadeSoNoCacheKeepsThem() {
        assertThat(logEnded("h-1", "h-3")).isEqualTo("ok");

        assertThat(revoked()).containsExactly("1 h-1", "2 h-3");
        assertThat(redis.get(REVOCATIONS_REVISION))
                .isEqualTo(redis.xrange(REVOCATIONS, Range.create("-", "+"))
                        .get(1)
                        .getId()
                        .replace("-0", ""));
    }

    // consume-grant, accept-grant

    @Test
    void aGrantHeldIsUsedOneAtATime() {
        redis.hset(GRANTS, Map.of(TEMPLATE, "2", "tpl-survey", "1"));

        assertThat(consume()).isEqualTo(1L);
        assertThat(redis.hgetall(GRANTS)).isEqualTo(Map.of(TEMPLATE, "1", "tpl-survey", "1"));
    }

    @Test
    void aSpendRunTwiceSpendsOnceAndAnswersTheSame() {
        redis.hset(GRANTS, TEMPLATE, "2");

        assertThat(consume("op-replayed")).isEqualTo(1L);
        assertThat(consume("op-replayed")).isEqualTo(1L);
        assertThat(redis.hget(GRANTS, TEMPLATE)).isEqualTo("1");
        assertThat(redis.ttl(OPERATIONS)).isBetween(599L, 600L);
    }

    @Test
    void aGrantGivenBackIsCountedAgainOnceEvenIfTheCallRunsTwice() {
        redis.hset(GRANTS, TEMPLATE, "1");

        assertThat(restore("op-replayed")).isEqualTo(2L);
        assertThat(restore("op-replayed")).isEqualTo(2L);
        assertThat(redis.hget(GRANTS, TEMPLATE)).isEqualTo("2");
    }

    @Test
    void anAcceptRunTwiceCountsOnceAndAnswersTheSame() {
        assertThat(accept("client", "push", "op-replayed")).isEqualTo(1L);
        assertThat(accept("client", "push", "op-replayed")).isEqualTo(1L);
        assertThat(redis.hget(GRANTS, TEMPLATE)).isEqualTo("1");
        assertThat(redis.hget(ECHO, "client:" + TEMPLATE)).isEqualTo("1");
    }

    @Test
    void theLastGrantUsedLeavesNoEntry() {
        redis.hset(GRANTS, TEMPLATE, "1");

        assertThat(consume()).isEqualTo(1L);
        assertThat(redis.exists(GRANTS)).isZero();
    }

    @Test
    void withNoGrantLeftNothingIsUsed() {
        assertThat(consume()).isEqualTo(0L);
        assertThat(redis.exists(GRANTS)).isZero();
    }

    @Test
    void anAcceptCountsAGrantAndWaitsForItsEcho() {
        assertThat(accept("client", "push")).isEqualTo(1L);
        assertThat(redis.hgetall(GRANTS)).isEqualTo(Map.of(TEMPLATE, "1"));
        assertThat(redis.hgetall(ECHO)).isEqualTo(Map.of("client:" + TEMPLATE, "1"));
        assertThat(redis.ttl(ECHO)).isEqualTo(120L);
    }

    @Test
    void theEchoOfAnAcceptIsNotCountedAgainWhicheverSourceCameFirst() {
        assertThat(accept("push", "client")).isEqualTo(1L);
        assertThat(accept("client", "push")).isEqualTo(1L);
        assertThat(redis.hget(GRANTS, TEMPLATE)).isEqualTo("1");
        assertThat(redis.hgetall(ECHO)).isEqualTo(Map.of("push:" + TEMPLATE, "0"));
    }

    @Test
    void twoAcceptsOfOneSourceCountTwiceAndWaitForTwoEchoes() {
        accept("client", "push");
        assertThat(accept("client", "push")).isEqualTo(2L);

        assertThat(accept("push", "client")).isEqualTo(2L);
        assertThat(redis.hget(ECHO, "client:" + TEMPLATE)).isEqualTo("1");
    }

    private Object take(String window) {
        return scripts.run(
                "identity/take-login-slot",
                List.of(ATTEMPTS),
                List.of(Integer.toString(GUESSES), Long.toString(LOCKOUT_MS), window));
    }

    private Object giveBack(String window) {
        return scripts.run("identity/give-back-login-slot", List.of(ATTEMPTS), List.of(window));
    }

    private Object count(String counter) {
        return scripts.run("redis/count-with-expiry", List.of(counter), List.of("120"));
    }

    /** Opens the session of {@code hash}, with the owner's set as read before: {@code members}. */
    private Object open(String hash, List<String> members) {
        redis.hset(PROFILE, "id", "r-1");
        return openUnchecked(hash, members);
    }

    /** As Sessions.open: the session, the owner's set, the owner's record, then the members read. */
    private Object openUnchecked(String hash, List<String> members) {
        List<String> keys = new ArrayList<>(List.of(session(hash), OWNER, PROFILE));
        List<String> args = new ArrayList<>(
                List.of("RESIDENT r-1|1795831200", Long.toString(SESSION_TTL), hash, Long.toString(SET_LEAST)));
        members.forEach(member -> {
            keys.add(session(member));
            args.add(member);
        });
        return scripts.run("identity/open-session", keys, args);
    }

    private int operations;

    /** A call of its own, as SubscribeGrants makes each with a new operation id. */
    private Object consume() {
        return consume("op-" + ++operations);
    }

    private Object consume(String operation) {
        return scripts.run("identity/consume-grant", List.of(GRANTS, OPERATIONS), List.of(TEMPLATE, operation, "600"));
    }

    private Object restore(String operation) {
        return scripts.run("identity/restore-grant", List.of(GRANTS, OPERATIONS), List.of(TEMPLATE, operation, "600"));
    }

    private Object accept(String source, String other) {
        return accept(source, other, "op-" + ++operations);
    }

    private Object accept(String source, String other, String operation) {
        return scripts.run(
                "identity/accept-grant",
                List.of(GRANTS, ECHO, OPERATIONS),
                List.of(TEMPLATE, source, other, "120", operation, "600"));
    }

    /** As Sessions.end: the owner's set, then one session key per hash. */
    private Object close(String... hashes) {
        List<String> keys = new ArrayList<>(List.of(OWNER));
        for (String hash : hashes) {
            keys.add(session(hash));
        }
        return scripts.run("identity/close-sessions", keys, List.of(hashes));
    }

    private Object logEnded(String... hashes) {
        return scripts.run("identity/log-ended", List.of(REVOCATIONS_REVISION, REVOCATIONS), List.of(hashes));
    }

    /** The revocation log as "n hash" (ChangeLogEntries). */
    private List<String> revoked() {
        return ChangeLogEntries.numbered(redis, REVOCATIONS);
    }

    private static String session(String hash) {
        return KEYS.key("identity", "session") + ":" + hash;
    }
}
