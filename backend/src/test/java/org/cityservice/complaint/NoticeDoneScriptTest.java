package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.json.JsonMapper;

/** The script notice-done, with keys and arguments built as ComplaintStore.noticeDone builds them. */
@ExtendWith(RedisScriptExtension.class)
class NoticeDoneScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String CASE = "JZ20261122-000123";
    private static final String NOTICE = "n-7f1c";
    private static final String NEWER = "n-9a2b";
    private static final long LEASE_END = Instant.parse("2026-11-22T02:05:00Z").toEpochMilli();

    private static final String NOTICES = key("notices");
    private static final String DUE = key("notices", "due");
    private static final String IN_FLIGHT = key("notices", "in-flight");
    private static final String LOG = key("notice-log");
    private static final String ATTEMPTS = key("notices", "attempts");
    private static final String SERVED = key("notices", "served", NOTICE);

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    NoticeDoneScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void aDeliveredNoticeEndsItsClaimIsForgottenAndLogged() {
        claimed(CASE, NOTICE);

        assertThat(done()).isEqualTo(1L);
        assertThat(redis.exists(IN_FLIGHT, NOTICES, ATTEMPTS, SERVED)).isZero();
        assertThat(log()).containsExactly(logEntry());
    }

    @Test
    void aNewerNoticeOfTheCaseQueuedMeanwhileStaysDue() {
        claimed(CASE, NOTICE);
        redis.hset(NOTICES, CASE, notice(NEWER)); // move.lua replaced it while it was being sent
        redis.zadd(DUE, LEASE_END - 60_000, CASE);
        redis.hset(ATTEMPTS, NEWER, "1");

        assertThat(done()).isEqualTo(1L);
        assertThat(redis.hget(NOTICES, CASE)).isEqualTo(notice(NEWER));
        assertThat(redis.zscore(DUE, CASE)).isEqualTo(LEASE_END - 60_000.0);
        assertThat(redis.hgetall(ATTEMPTS)).isEqualTo(Map.of(NEWER, "1"));
        assertThat(redis.exists(IN_FLIGHT, SERVED)).isZero();
        assertThat(log()).containsExactly(logEntry());
    }

    @Test
    void aNoticeQueuedUnderItsOwnIdBeforeTheCaseLayoutIsForgottenToo() {
        claimed(NOTICE, NOTICE);

        assertThat(done()).isEqualTo(1L);
        assertThat(redis.exists(IN_FLIGHT, NOTICES, ATTEMPTS, SERVED)).isZero();
        assertThat(log()).hasSize(1);
    }

    @Test
    void aClaimThatEndedAlreadyChangesNothingAndLogsNothing() {
        claimed(CASE, NOTICE);
        redis.zrem(IN_FLIGHT, CASE); // the lease ran out; another sender has it

        assertThat(done()).isEqualTo(0L);
        assertThat(redis.hget(NOTICES, CASE)).isEqualTo(notice(NOTICE));
        assertThat(redis.hget(ATTEMPTS, NOTICE)).isEqualTo("2");
        assertThat(redis.hgetall(SERVED)).isEqualTo(Map.of("r-1", "SUBSCRIBE"));
        assertThat(redis.exists(LOG)).isZero();
    }

    @Test
    void anotherCasesNoticesAreLeftAlone() {
        claimed(CASE, NOTICE);
        redis.hset(NOTICES, "JZ20261122-000124", notice("n-other"));
        redis.zadd(IN_FLIGHT, LEASE_END, "JZ20261122-000124");
        redis.hset(ATTEMPTS, "n-other", "1");

        assertThat(done()).isEqualTo(1L);
        assertThat(redis.hkeys(NOTICES)).containsExactly("JZ20261122-000124");
        assertThat(redis.zrange(IN_FLIGHT, 0, -1)).containsExactly("JZ20261122-000124");
        assertThat(redis.hgetall(ATTEMPTS)).isEqualTo(Map.of("n-other", "1"));
    }

    @Test
    void aSlowSenderWhoseLeaseRanOutLeavesTheNextSendersClaimAlone() {
        claimed(CASE, NOTICE);
        // the lease ran out (reap.lua put the case back), move.lua queued a newer notice,
        // and another sender claimed it (claim.lua) with a lease of its own
        redis.hset(NOTICES, CASE, notice(NEWER));
        redis.zadd(IN_FLIGHT, LEASE_END + 120_000, CASE);

        assertThat(done()).as("the slow sender's claim had ended").isEqualTo(0L);
        assertThat(redis.zscore(IN_FLIGHT, CASE)).isEqualTo(LEASE_END + 120_000.0);
        assertThat(redis.hget(NOTICES, CASE)).isEqualTo(notice(NEWER));

        List<String> args = new ArrayList<>(List.of(CASE, NEWER));
        args.add(StreamEntry.argument(JsonMapper.builder().build(), logEntry()));
        args.add(Long.toString(LEASE_END + 120_000));
        assertThat(scripts.run(
                        "complaint/notice-done",
                        List.of(IN_FLIGHT, NOTICES, LOG, ATTEMPTS, key("notices", "served", NEWER)),
                        args))
                .as("the next sender is done with the newer notice")
                .isEqualTo(1L);
        assertThat(redis.exists(NOTICES, IN_FLIGHT)).isZero();
    }

    /** A notice kept under {@code field}, claimed by a sender, tried twice and delivered to its reporter already. */
    private void claimed(String field, String id) {
        redis.hset(NOTICES, field, notice(id));
        redis.zadd(IN_FLIGHT, LEASE_END, field);
        redis.hset(ATTEMPTS, id, "2");
        redis.hset(SERVED, "r-1", "SUBSCRIBE");
    }

    private Object done() {
        List<String> args = new ArrayList<>(List.of(CASE, NOTICE));
        args.add(StreamEntry.argument(JsonMapper.builder().build(), logEntry()));
        args.add(Long.toString(LEASE_END));
        return scripts.run("complaint/notice-done", List.of(IN_FLIGHT, NOTICES, LOG, ATTEMPTS, SERVED), args);
    }

    private List<Map<String, String>> log() {
        return redis.xrange(LOG, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .toList();
    }

    private static Map<String, String> logEntry() {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("notice", NOTICE);
        entry.put("trackingNo", CASE);
        entry.put("status", "DISPATCHED");
        entry.put("channel", "SUBSCRIBE");
        entry.put("at", "2026-11-22T02:01:00Z");
        return entry;
    }

    private static String notice(String id) {
        return "{\"id\":\"" + id + "\",\"trackingNo\":\"" + CASE
                + "\",\"residentId\":\"r-1\",\"status\":\"DISPATCHED\"}";
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
