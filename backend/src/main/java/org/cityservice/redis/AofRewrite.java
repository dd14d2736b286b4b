package org.cityservice.redis;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 注销后重写 AOF. Deleting a key does not remove it from the append-only file: the file logs the
 * write and then the deletion, so an erased phone number stays readable on disk until Redis rewrites
 * the file from what it holds now. An erasure therefore marks a rewrite as due (one key, set only if
 * unset, so a burst of erasures costs one rewrite), and {@link AofRewriteJob} starts
 * {@code BGREWRITEAOF} every {@code app.redis.aof-rewrite.interval} if one is due. The mark is taken
 * with {@code GETDEL}, so with several instances one of them rewrites; a rewrite refused (one
 * already under way may have forked before the erasure) puts the mark back for the next run.
 */
@Component
public class AofRewrite {

    private static final Logger log = LoggerFactory.getLogger(AofRewrite.class);

    private final ReactiveStringRedisTemplate redis;
    private final String dueKey;
    private final boolean enabled;
    private final Clock clock;

    AofRewrite(
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            AofRewriteProperties properties,
            ObjectProvider<EmbeddedRedisServer> embedded,
            Clock clock) {
        this.redis = redis;
        this.dueKey = keys.key("redis", "aof-rewrite-due");
        this.enabled = properties.enabled() != null ? properties.enabled() : embedded.getIfAvailable() != null;
        this.clock = clock;
    }

    /** Personal data was just erased: have the next run rewrite the append-only file. */
    public Mono<Void> afterErasure() {
        if (!enabled) {
            return Mono.empty();
        }
        return redis.opsForValue()
                .setIfAbsent(dueKey, Long.toString(clock.millis()))
                .then();
    }

    /** Starts a rewrite if one is due; true if Redis took it (started or scheduled behind a running save). */
    Mono<Boolean> rewriteIfRequested() {
        return redis.opsForValue()
                .getAndDelete(dueKey)
                .flatMap(since -> redis.execute(
                                connection -> connection.serverCommands().bgReWriteAof())
                        .next()
                        .map(answer -> {
                            log.info(
                                    "AOF rewrite after erasures ({}), the first {} ms ago",
                                    answer,
                                    clock.millis() - Long.parseLong(since));
                            return true;
                        })
                        .onErrorResume(e -> {
                            log.warn("AOF rewrite after erasures not started, retried next run: {}", e.toString());
                            return redis.opsForValue()
                                    .setIfAbsent(dueKey, since)
                                    .thenReturn(false);
                        }))
                .defaultIfEmpty(false);
    }
}
