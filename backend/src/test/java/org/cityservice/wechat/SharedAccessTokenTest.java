package org.cityservice.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import me.chanjar.weixin.common.redis.WxRedisOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances sharing one token store: how long each keeps its copy, and what drops it. */
class SharedAccessTokenTest {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    /** The monotonic time of both instances and of Redis, in nanoseconds. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private final Store redis = new Store();
    private SharedAccessToken one;
    private SharedAccessToken other;

    @BeforeEach
    void twoInstances() {
        one = instance();
        other = instance();
    }

    @Test
    void manyCallsReadTheSharedTokenOncePerRecheck() {
        one.updateAccessToken("token-1", 7200);
        int before = redis.reads.get();

        for (int i = 0; i < 100; i++) {
            assertThat(other.isAccessTokenExpired()).isFalse();
            assertThat(other.getAccessToken()).isEqualTo("token-1");
        }
        assertThat(redis.reads.get() - before).isEqualTo(2); // its TTL, then the token

        pass(Duration.ofSeconds(61));
        other.getAccessToken();
        assertThat(redis.reads.get() - before).isEqualTo(4);
    }

    @Test
    void aTokenAnotherInstanceStoredIsUsedHereWithinTheRecheck() {
        one.updateAccessToken("token-1", 7200);
        assertThat(other.getAccessToken()).isEqualTo("token-1");

        one.updateAccessToken("token-2", 7200);
        assertThat(one.getAccessToken()).isEqualTo("token-2");
        assertThat(other.getAccessToken()).isEqualTo("token-1");

        pass(Duration.ofSeconds(61));
        assertThat(other.getAccessToken()).isEqualTo("token-2");
    }

    @Test
    void anExpiredTokenIsGoneAtOnceHereAndForTheOthersAtTheirRecheck() {
        one.updateAccessToken("token-1", 7200);
        assertThat(other.getAccessToken()).isEqualTo("token-1");

        one.expireAccessToken(); // WxJava does this on a 40001 answer

        assertThat(one.isAccessTokenExpired()).isTrue();
        assertThat(one.getAccessToken()).isNull();
        pass(Duration.ofSeconds(61));
        assertThat(other.isAccessTokenExpired()).isTrue();
    }

    @Test
    void aRefusalOfAnOldCopyLeavesTheTokenAnotherInstanceStoredSinceAlone() {
        one.updateAccessToken("token-1", 7200);
        assertThat(other.getAccessToken()).isEqualTo("token-1");
        one.updateAccessToken("token-2", 7200); // one met 40001 first and refreshed

        other.expireAccessToken(); // WeChat refused token-1, other's copy

        assertThat(one.getAccessToken()).isEqualTo("token-2");
        assertThat(other.getAccessToken()).isEqualTo("token-2");
    }

    @Test
    void aTokenWithLessThanARecheckLeftIsKeptOnlyAsLongAsRedisKeepsIt() {
        one.updateAccessToken("token-1", 230); // 30 s in Redis
        pass(Duration.ofSeconds(31));

        assertThat(one.isAccessTokenExpired()).isTrue();
    }

    @Test
    void aTokenAboutToLapseInRedisIsNotCopied() {
        one.updateAccessToken("token-1", 201); // WxJava stores it 200 s short: one second left in Redis

        assertThat(other.isAccessTokenExpired()).isTrue();
    }

    private SharedAccessToken instance() {
        SharedAccessToken config = new SharedAccessToken(redis, "cs:{wechat}", nanos::get, RECHECK);
        config.setAppid("wx-test");
        return config;
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    /** Redis as WxJava uses it: values with a lifetime on the test's time, and every read counted. */
    private final class Store implements WxRedisOps {

        private record Entry(String value, long expiresNanos) {}

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public String getValue(String key) {
            reads.incrementAndGet();
            Entry entry = live(key);
            return entry == null ? null : entry.value();
        }

        @Override
        public void setValue(String key, String value, int expire, TimeUnit unit) {
            entries.put(key, new Entry(value, nanos.get() + unit.toNanos(expire)));
        }

        @Override
        public Long getExpire(String key) {
            reads.incrementAndGet();
            Entry entry = live(key);
            return entry == null
                    ? -2L
                    : Duration.ofNanos(entry.expiresNanos() - nanos.get()).toSeconds();
        }

        @Override
        public void expire(String key, int expire, TimeUnit unit) {
            Entry entry = entries.get(key);
            if (entry != null) {
                entries.put(key, new Entry(entry.value(), nanos.get() + unit.toNanos(expire)));
            }
        }

        @Override
        public Lock getLock(String key) {
            return new ReentrantLock();
        }

        private Entry live(String key) {
            Entry entry = entries.get(key);
            return entry == null || nanos.get() >= entry.expiresNanos() ? null : entry;
        }
    }
}
