package org.cityservice.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cityservice.redis.ChangeLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sessions this backend resolved lately, so that a resident's next requests cost no round trip for their token.
 * Revocation-aware: every script that ends a session logs its hash (the {@code revocations} change log), and this
 * cache follows that log every {@code poll}, dropping what another backend ended; what this backend ends it drops at
 * once. If the log cannot say what happened (trimmed past us, or the store went back) the whole cache goes. An entry
 * lives at most {@code max-age}, and only while the log was read within the last few polls: a backend that cannot
 * reach Redis does not keep trusting sessions it cannot hear about. Each miss reads Redis, which also extends the
 * session's life, so a session in use never lapses behind the cache.
 */
@Component
class SessionCache implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionCache.class);
    private static final int BATCH = 500;

    private final ChangeLog revocations;
    private final IdentityProperties.SessionCache settings;
    private final Cache<String, Caller> callers;
    /** Bumped whenever entries are dropped, so a resolve that raced a revocation does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Written only by the poll in progress; -1 until the log was first read. */
    private volatile long revision = -1;

    /** System.nanoTime() when the last read of the log that succeeded began: elapsed time, whatever the clock says. */
    private volatile long lastRead;

    private volatile boolean read;
    private @Nullable Disposable poll;

    SessionCache(ReactiveStringRedisTemplate redis, IdentityKeys keys, IdentityProperties properties) {
        this.revocations = new ChangeLog(redis, keys.global("revocations", "revision"), keys.global("revocations"));
        this.settings = properties.sessionCache();
        this.callers = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.maxAge().isZero() ? Duration.ofNanos(1) : settings.maxAge())
                .build();
    }

    @Override
    public void afterPropertiesSet() {
        if (enabled()) {
            poll = Flux.interval(Duration.ZERO, settings.poll(), Schedulers.parallel())
                    .onBackpressureDrop()
                    .subscribe(tick -> follow());
        }
    }

    @Override
    public void destroy() {
        if (poll != null) {
            poll.dispose();
        }
    }

    /** The keys a script that ends sessions passes to {@code record_change}, after its own. */
    List<String> logKeys() {
        return revocations.keys();
    }

    /** The caller of a session hash, if this backend resolved it lately and may still vouch for it. */
    @Nullable
    Caller get(String hash) {
        return enabled() && current() ? callers.getIfPresent(hash) : null;
    }

    /** The revision of the log this cache has applied; -1 before its first read. */
    long revision() {
        return revision;
    }

    /** Where drops stand now: read before asking Redis, handed to {@link #put} after. */
    long generation() {
        return generation.get();
    }

    /** Keeps what Redis said, unless something was dropped since the read began (it may have been this session). */
    void put(String hash, Caller caller, long readAt) {
        if (enabled() && generation.get() == readAt) {
            callers.put(hash, caller);
            if (generation.get() != readAt) {
                callers.invalidate(hash);
            }
        }
    }

    /** Sessions this backend just ended. */
    void drop(Iterable<String> hashes) {
        generation.incrementAndGet();
        callers.invalidateAll(hashes);
    }

    private boolean enabled() {
        return !settings.maxAge().isZero();
    }

    /** Only while the log was read lately: revocations elsewhere reach us within that time, or we ask Redis. */
    private boolean current() {
        long trusted = settings.poll().multipliedBy(4).plusSeconds(1).toNanos();
        return read && System.nanoTime() - lastRead < trusted;
    }

    private void follow() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        catchUp()
                .doFinally(signal -> polling.set(false))
                .subscribe(
                        done -> {},
                        e -> {
                            if (failing.compareAndSet(false, true)) {
                                log.warn(
                                        "Session cache: revocations not read ({}); sessions are read from Redis until"
                                                + " they are",
                                        e.toString());
                            }
                        },
                        () -> {
                            lastRead = started;
                            read = true;
                            if (failing.compareAndSet(true, false)) {
                                log.info("Session cache: revocations read again");
                            }
                        });
    }

    private Mono<Void> catchUp() {
        if (revision < 0) {
            return revocations
                    .revision()
                    .doOnNext(now -> {
                        dropAll();
                        revision = now;
                    })
                    .then();
        }
        return revocations.since(revision, BATCH).flatMap(changes -> switch (changes.state()) {
            case SAME -> Mono.<Void>empty();
            case RELOAD -> {
                dropAll();
                revision = changes.revision();
                yield Mono.<Void>empty();
            }
            case CHANGES -> {
                drop(changes.ids());
                revision = changes.revision();
                yield changes.ids().size() < BATCH ? Mono.<Void>empty() : catchUp();
            }
        });
    }

    private void dropAll() {
        generation.incrementAndGet();
        callers.invalidateAll();
    }
}
