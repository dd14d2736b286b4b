package org.cityservice.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scripts release-lock (as AccessTokenLock.unlock runs it: the lock key and this instance's owner id) and renew-lock. */
@ExtendWith(RedisScriptExtension.class)
class ReleaseLockScriptTest {

    /** WxJava names the lock after the prefix the configuration gives it, the {@code wechat} tag. */
    private static final String LOCK = new RedisKeys("cs").key("wechat") + ":access_token_lock:wx5f3e2d1c0b";

    private static final String OWNER = "2b7c4e1a-9d3f-4c2e-8a5b-6f0e1d2c3b4a:41";
    private static final long LEASE_MS = 10_000;

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    ReleaseLockScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void theHolderReleasesItsLock() {
        taken(OWNER);

        assertThat(release(OWNER)).isEqualTo(1L);
        assertThat(redis.exists(LOCK)).isZero();
    }

    @Test
    void aLockAnotherInstanceTookAfterTheLeaseRanOutIsLeftToIt() {
        taken("7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908:41");

        assertThat(release(OWNER)).isEqualTo(0L);
        assertThat(redis.get(LOCK)).isEqualTo("7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908:41");
        assertThat(redis.pttl(LOCK)).isBetween(LEASE_MS - 1_000, LEASE_MS);
    }

    @Test
    void anotherThreadOfTheSameInstanceDoesNotReleaseIt() {
        taken(OWNER);

        assertThat(release("2b7c4e1a-9d3f-4c2e-8a5b-6f0e1d2c3b4a:42")).isEqualTo(0L);
        assertThat(redis.get(LOCK)).isEqualTo(OWNER);
    }

    @Test
    void aLockWhoseLeaseRanOutIsGoneAndNothingIsReleased() {
        assertThat(release(OWNER)).isEqualTo(0L);
        assertThat(redis.exists(LOCK)).isZero();
    }

    // renew-lock, as the identity migration renews its lock's lease

    @Test
    void theHolderRenewsItsLease() {
        redis.set(LOCK, OWNER, SetArgs.Builder.px(1_000));

        assertThat(scripts.run("redis/renew-lock", List.of(LOCK), List.of(OWNER, "30000")))
                .isEqualTo(1L);
        assertThat(redis.pttl(LOCK)).isBetween(29_000L, 30_000L);
    }

    @Test
    void aLockAnotherInstanceHoldsIsNotRenewedAndTheRenewerLearnsItLostIt() {
        taken("7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908:41");

        assertThat(scripts.run("redis/renew-lock", List.of(LOCK), List.of(OWNER, "30000")))
                .isEqualTo(0L);
        assertThat(redis.pttl(LOCK)).isBetween(LEASE_MS - 1_000, LEASE_MS);
        assertThat(scripts.run("redis/renew-lock", List.of(LOCK + ":gone"), List.of(OWNER, "30000")))
                .isEqualTo(0L);
    }

    /** As AccessTokenLock.tryLock takes it: set if absent, for the lease. */
    private void taken(String owner) {
        redis.set(LOCK, owner, SetArgs.Builder.nx().px(LEASE_MS));
    }

    private Object release(String owner) {
        return scripts.run("redis/release-lock", List.of(LOCK), List.of(owner));
    }
}
