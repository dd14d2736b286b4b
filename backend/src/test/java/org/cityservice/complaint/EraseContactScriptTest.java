package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The script erase-contact, with keys and arguments built as ComplaintStore.eraseContact builds them. */
@ExtendWith(RedisScriptExtension.class)
class EraseContactScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String CASE = "JZ20261122-000123";
    private static final String CASES = KEYS.key("complaint", "cases");
    private static final String WITH_PHONE = caseJson(3, "\"13800138000\"");
    private static final String WITHOUT_PHONE = caseJson(3, "null");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    EraseContactScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void aCaseUnchangedSinceItWasReadIsWrittenWithoutThePhoneAtTheSameVersion() {
        redis.hset(CASES, CASE, WITH_PHONE);

        assertThat(erase(3)).isEqualTo("ok");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(WITHOUT_PHONE);
    }

    @Test
    void aCaseMovedSinceItWasReadIsLeftForTheCallerToReadAgain() {
        String moved = caseJson(4, "\"13800138000\"");
        redis.hset(CASES, CASE, moved);

        assertThat(erase(3)).isEqualTo("moved");
        assertThat(redis.hget(CASES, CASE)).isEqualTo(moved);
    }

    @Test
    void aCaseThatIsGoneIsNotWrittenBack() {
        redis.hset(CASES, "JZ20261122-000124", WITH_PHONE);

        assertThat(erase(3)).isEqualTo("missing");
        assertThat(redis.hexists(CASES, CASE)).isFalse();
        assertThat(redis.hlen(CASES)).isOne();
    }

    private Object erase(long versionRead) {
        return scripts.run(
                "complaint/erase-contact", List.of(CASES), List.of(CASE, Long.toString(versionRead), WITHOUT_PHONE));
    }

    private static String caseJson(long version, String phone) {
        return "{\"trackingNo\":\"" + CASE + "\",\"residentId\":\"r-1\",\"contactPhone\":" + phone
                + ",\"status\":\"CLOSED\",\"version\":" + version + "}";
    }
}
