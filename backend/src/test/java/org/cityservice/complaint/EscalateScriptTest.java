package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.cityservice.redis.StreamEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** The script escalate: a case is marked yellow or red once, only if unmoved since read and still due. */
@ExtendWith(RedisScriptExtension.class)
class EscalateScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = "JZ20261122-000123";
    private static final long CREATED = 1_763_800_000_000L;
    private static final String CASES = key("cases");
    private static final String DUE_RED = key("due", "red");
    private static final String TIMELINE = key("timeline", CASE);
    private static final String EVENTS = key("events");
    private static final String ALERT_RED = key("by-alert", "RED");
    private static final String ALERT_YELLOW = key("by-alert", "YELLOW");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    EscalateScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void aDueUnmovedCaseIsMarkedWithItsEntryEventAndIndexOnce() {
        stored(4);
        redis.zadd(DUE_RED, CREATED + 1, CASE);
        redis.zadd(ALERT_YELLOW, CREATED, CASE);

        assertThat(escalate(4)).isEqualTo("ok");

        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(4, "RED"));
        assertThat(redis.zscore(DUE_RED, CASE)).isNull();
        assertThat(redis.zscore(ALERT_RED, CASE)).isEqualTo((double) CREATED);
        assertThat(redis.zscore(ALERT_YELLOW, CASE))
                .as("it leaves the other level's index")
                .isNull();
        assertThat(redis.lrange(TIMELINE, 0, -1)).containsExactly(entry());
        List<StreamMessage<String, String>> events = redis.xrange(EVENTS, Range.create("-", "+"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getBody()).isEqualTo(Map.of("type", "ESCALATED", "trackingNo", CASE, "level", "RED"));

        assertThat(escalate(4))
                .as("a second sweeper finds it taken off the due set")
                .isEqualTo("gone");
        assertThat(redis.xlen(EVENTS)).isEqualTo(1);
        assertThat(redis.llen(TIMELINE)).isEqualTo(1);
    }

    @Test
    void aCaseThatMovedSinceItWasReadIsLeftAloneAndStaysDue() {
        stored(5);
        redis.zadd(DUE_RED, CREATED + 1, CASE);

        assertThat(escalate(4)).isEqualTo("moved");

        assertThat(redis.hget(CASES, CASE)).isEqualTo(caseJson(5, null));
        assertThat(redis.zscore(DUE_RED, CASE)).isEqualTo(CREATED + 1.0);
        assertThat(redis.exists(TIMELINE, EVENTS, ALERT_RED)).isZero();
    }

    @Test
    void aCaseThatIsGoneIsMovedAndNothingIsWritten() {
        redis.zadd(DUE_RED, CREATED + 1, CASE);

        assertThat(escalate(4)).isEqualTo("moved");

        assertThat(redis.exists(CASES, TIMELINE, EVENTS, ALERT_RED)).isZero();
    }

    private Object escalate(long versionRead) {
        return scripts.run(
                "complaint/escalate",
                List.of(CASES, DUE_RED, TIMELINE, EVENTS, ALERT_RED, ALERT_YELLOW),
                List.of(
                        CASE,
                        Long.toString(versionRead),
                        caseJson(versionRead, "RED"),
                        entry(),
                        Long.toString(CREATED),
                        StreamEntry.argument(
                                JSON,
                                new java.util.LinkedHashMap<>(
                                        Map.of("type", "ESCALATED", "trackingNo", CASE, "level", "RED")))));
    }

    private void stored(long version) {
        redis.hset(CASES, CASE, caseJson(version, null));
    }

    private static String caseJson(long version, String alert) {
        return "{\"trackingNo\":\"" + CASE + "\",\"version\":" + version + ",\"alert\":"
                + (alert == null ? "null" : "\"" + alert + "\"") + "}";
    }

    private static String entry() {
        return "{\"status\":\"DISPATCHED\",\"actorRole\":\"SYSTEM\",\"note\":\"督办:已超过派遣时限\"}";
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
