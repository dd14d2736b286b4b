package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

/** Which errors mean Redis is away for a moment (a read is tried again, then 503), and which do not. */
class RedisOutageTest {

    @Test
    void aTimeoutALostConnectionAndAClusterBetweenMastersAreOutages() {
        assertThat(RedisOutage.causes(new QueryTimeoutException("Redis command timed out")))
                .isTrue();
        assertThat(RedisOutage.causes(new RedisCommandTimeoutException("HGETALL timed out")))
                .isTrue();
        assertThat(RedisOutage.causes(new RedisConnectionFailureException("Unable to connect")))
                .isTrue();
        assertThat(RedisOutage.causes(new RedisSystemException(
                        "refused", new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"))))
                .isTrue();
        assertThat(RedisOutage.causes(new RedisCommandExecutionException("READONLY You can't write against a replica")))
                .isTrue();
    }

    @Test
    void aConnectionResetByADyingNodeIsAnOutageRawOrWrapped() {
        Epoll.ensureAvailability(); // Netty's native errors need its native library, as Lettuce's connections load it
        IOException reset = new Errors.NativeIoException("recvAddress", Errors.ERRNO_ECONNRESET_NEGATIVE);
        assertThat(RedisOutage.causes(reset)).isTrue();
        assertThat(RedisOutage.causes(new QueryTimeoutException("no master could take the write", reset)))
                .isTrue();
    }

    @Test
    void aDiskThatCannotBeReadAndAWrongCommandAreNot() {
        assertThat(RedisOutage.causes(new IOException("Input/output error"))).isFalse();
        assertThat(RedisOutage.causes(new UncheckedIOException(new IOException("Input/output error"))))
                .isFalse();
        assertThat(RedisOutage.causes(new RedisCommandExecutionException(
                        "WRONGTYPE Operation against a key holding the wrong kind of value")))
                .isFalse();
        assertThat(RedisOutage.causes(new IllegalStateException("a bug"))).isFalse();
    }
}
