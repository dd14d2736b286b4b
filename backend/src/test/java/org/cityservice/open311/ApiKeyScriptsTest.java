package org.cityservice.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Open311 key scripts issue-key and revoke-key, with keys and arguments built as ApiKeys builds them. */
@ExtendWith(RedisScriptExtension.class)
class ApiKeyScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final String KEYS_BY_HASH = KEYS.key("open311", "keys");
    private static final String KEY_IDS = KEYS.key("open311", "key-ids");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_HASH = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    ApiKeyScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void anIssuedKeyIsFoundByItsHashAndItsIdPointsToThatHash() {
        assertThat(issue(HASH, "k0a1b2c3d4e5f")).isEqualTo(1L);

        assertThat(redis.hgetall(KEYS_BY_HASH)).isEqualTo(Map.of(HASH, record("k0a1b2c3d4e5f")));
        assertThat(redis.hgetall(KEY_IDS)).isEqualTo(Map.of("k0a1b2c3d4e5f", HASH));
    }

    @Test
    void keysIssuedOneAfterAnotherAllWork() {
        issue(HASH, "k0a1b2c3d4e5f");

        assertThat(issue(OTHER_HASH, "k665544332211")).isEqualTo(1L);
        assertThat(redis.hkeys(KEYS_BY_HASH)).containsExactlyInAnyOrder(HASH, OTHER_HASH);
        assertThat(redis.hgetall(KEY_IDS)).isEqualTo(Map.of("k0a1b2c3d4e5f", HASH, "k665544332211", OTHER_HASH));
    }

    @Test
    void aRevokedKeyStopsWorkingAndIsNoLongerListed() {
        issue(HASH, "k0a1b2c3d4e5f");
        issue(OTHER_HASH, "k665544332211");

        assertThat(revoke("k0a1b2c3d4e5f")).isEqualTo(1L);
        assertThat(redis.hgetall(KEYS_BY_HASH)).isEqualTo(Map.of(OTHER_HASH, record("k665544332211")));
        assertThat(redis.hgetall(KEY_IDS)).isEqualTo(Map.of("k665544332211", OTHER_HASH));
    }

    @Test
    void revokingAnIdThatIsNoKeyAnswersZeroAndChangesNothing() {
        issue(HASH, "k0a1b2c3d4e5f");

        assertThat(revoke("k000000000000")).isEqualTo(0L);
        assertThat(redis.hlen(KEYS_BY_HASH)).isOne();
        assertThat(redis.hlen(KEY_IDS)).isOne();
    }

    @Test
    void aKeyRevokedTwiceIsRevokedOnce() {
        issue(HASH, "k0a1b2c3d4e5f");
        revoke("k0a1b2c3d4e5f");

        assertThat(revoke("k0a1b2c3d4e5f")).isEqualTo(0L);
        assertThat(redis.exists(KEYS_BY_HASH, KEY_IDS)).isZero();
    }

    private Object issue(String hash, String id) {
        return scripts.run("open311/issue-key", List.of(KEYS_BY_HASH, KEY_IDS), List.of(hash, id, record(id)));
    }

    private Object revoke(String id) {
        return scripts.run("open311/revoke-key", List.of(KEYS_BY_HASH, KEY_IDS), List.of(id));
    }

    private static String record(String id) {
        return "{\"id\":\"" + id
                + "\",\"name\":\"12345 热线\",\"createdAt\":\"2026-11-22T02:00:00Z\",\"createdBy\":\"admin\"}";
    }
}
