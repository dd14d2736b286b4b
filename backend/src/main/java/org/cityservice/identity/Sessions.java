package org.cityservice.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Our own opaque session tokens: 256 random bits, handed to the client once and stored only as their
 * SHA-256, so a copy of Redis opens no session. Resident tokens start {@code r.<shard>.}, staff tokens
 * {@code s.}: two kinds that cannot stand in for each other. A session lives
 * {@code app.identity.session-ttl} (residents) or {@code staff-session-ttl} (staff) after its last use.
 * Each owner's set of sessions (to end them all) is pruned of lapsed ones at every login and lives
 * as long as its longest session, so it lapses with the last of them. A resident's sessions and set live in the
 * resident's shard ({@link IdentityKeys}), found from the token alone; staff sessions under {@code {identity}}.
 */
@Component
class Sessions {

    private static final RedisScript<String> OPEN = LuaScripts.load("identity/open-session", String.class);
    private static final RedisScript<String> CLOSE = LuaScripts.load("identity/close-sessions", String.class);
    private static final RedisScript<String> LOG_ENDED = LuaScripts.load("identity/log-ended", String.class);
    private static final String RESIDENT = "r.";
    private static final String STAFF = "s.";

    /** What the client keeps: the token, and when it lapses if unused. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[token=…, expiresAt=" + expiresAt + "]";
        }
    }

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final IdentityKeys keys;
    private final IdentityProperties properties;
    private final SessionCache cache;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Sessions(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            IdentityKeys keys,
            IdentityProperties properties,
            SessionCache cache,
            Clock clock) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.properties = properties;
        this.cache = cache;
        this.clock = clock;
    }

    /** A new session of {@code caller}; empty if the owner was deleted meanwhile (a login racing its deletion). */
    Mono<Issued> open(Caller caller) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        // a resident's token names her shard, where the session and her set of sessions live together
        String issued = (caller.staff() ? STAFF : RESIDENT + IdentityKeys.shardOfResident(caller.subject()) + ".")
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String sessionHash = IdentityKeys.sha256(issued);
        Duration ttl = ttl(caller.staff());
        String owner = keys.sessionSet(caller);
        return redis.opsForSet()
                .members(owner)
                .collectList()
                .flatMap(members -> {
                    List<String> scriptKeys =
                            new ArrayList<>(List.of(keys.session(caller, sessionHash), owner, keys.record(caller)));
                    List<String> args = new ArrayList<>(List.of(
                            stored(caller, clock.instant()),
                            Long.toString(ttl.toSeconds()),
                            sessionHash,
                            Long.toString(ttl.plus(margin(ttl)).toSeconds())));
                    members.forEach(member -> {
                        scriptKeys.add(keys.session(caller, member));
                        args.add(member);
                    });
                    return writes.execute(OPEN, scriptKeys, args).single();
                })
                .filter(opened -> opened.equals("ok"))
                .map(opened -> new Issued(
                        issued, clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ttl)));
    }

    /**
     * The caller behind a token: from the {@link SessionCache} when this backend resolved it lately, otherwise from
     * Redis, extending the session's life (one round trip). The owner's
     * session set must outlive the session (to end it with the others), so it is extended too — but
     * only once per margin (a tenth of the lifetime) per session, when the session's value says it
     * was last done longer ago: the set always lives until the last refresh plus lifetime plus
     * margin, which is past every session's end. Empty if unknown, lapsed or of the wrong kind.
     */
    Mono<Caller> resolve(String token) {
        boolean staff = token.startsWith(STAFF);
        String shard = staff ? null : IdentityKeys.shardOfToken(token);
        if (!staff && (!token.startsWith(RESIDENT) || shard == null)) {
            return Mono
                    .empty(); // also a resident token of the layout before the shards: the mini-program logs in again
        }
        String hash = IdentityKeys.sha256(token);
        Caller cached = cache.get(hash);
        if (cached != null) {
            return Mono.just(cached);
        }
        long readAt = cache.generation();
        return read(keys.session(shard, hash), staff).doOnNext(caller -> cache.put(hash, caller, readAt));
    }

    private Mono<Caller> read(String key, boolean staff) {
        Duration ttl = ttl(staff);
        return redis.opsForValue().getAndExpire(key, ttl).flatMap(stored -> {
            int bar = stored.lastIndexOf('|');
            Caller caller = Caller.parse(bar < 0 ? stored : stored.substring(0, bar));
            if (caller.staff() != staff) {
                return Mono.empty();
            }
            Instant now = clock.instant();
            long refreshed = bar < 0 ? 0 : Long.parseLong(stored.substring(bar + 1));
            if (now.getEpochSecond() - refreshed < margin(ttl).toSeconds()) {
                return Mono.just(caller);
            }
            // only if the session still exists: a logout racing this must not bring it back
            return Mono.when(
                            redis.expire(keys.sessionSet(caller), ttl.plus(margin(ttl))),
                            redis.opsForValue().setIfPresent(key, stored(caller, now), ttl))
                    .thenReturn(caller);
        });
    }

    /** What a session key holds: its caller, and when its owner's set was last extended for it. */
    private static String stored(Caller caller, Instant setExtendedAt) {
        return caller.stored() + "|" + setExtendedAt.getEpochSecond();
    }

    private static Duration margin(Duration ttl) {
        return ttl.dividedBy(10);
    }

    /** Ends every session of one owner, e.g. a staff account that was disabled. */
    Mono<Void> closeAll(Caller owner) {
        return redis.opsForSet().members(keys.sessionSet(owner)).collectList().flatMap(hashes -> end(owner, hashes));
    }

    /** Ends every session of one owner except the one of {@code token}, e.g. after a password change. */
    Mono<Void> closeAllBut(Caller owner, String token) {
        String keep = IdentityKeys.sha256(token);
        return redis.opsForSet()
                .members(keys.sessionSet(owner))
                .filter(hash -> !hash.equals(keep))
                .collectList()
                .flatMap(hashes -> end(owner, hashes));
    }

    Mono<Void> close(String token, Caller caller) {
        return end(caller, List.of(IdentityKeys.sha256(token)));
    }

    /**
     * Ends sessions in Redis, then logs them as ended, so every backend's cache drops them; this one's at once. Two
     * steps, as a resident's sessions and the log live in different slots: deleted first, so no backend reads one
     * again after it heard of its end. Should this backend stop between the steps, the others may go on vouching for
     * a session from their caches for up to {@code app.identity.session-cache.max-age}.
     */
    private Mono<Void> end(Caller owner, List<String> hashes) {
        if (hashes.isEmpty()) {
            return Mono.empty();
        }
        List<String> scriptKeys = new ArrayList<>(List.of(keys.sessionSet(owner)));
        hashes.forEach(hash -> scriptKeys.add(keys.session(owner, hash)));
        return endedOnFailure(writes.execute(CLOSE, scriptKeys, hashes).then(), hashes)
                .then(logEnded(hashes));
    }

    /**
     * A step that deletes sessions, which logs them as ended should it fail: a step refused for want of a replica's
     * confirmation may have deleted them on the master all the same, and no retry may come to log them.
     */
    <T> Mono<T> endedOnFailure(Mono<T> step, List<String> hashes) {
        return step.onErrorResume(error -> logEnded(hashes).onErrorComplete().then(Mono.error(error)));
    }

    /** Sessions deleted from Redis: dropped from this backend's cache at once, and logged as ended for the others. */
    Mono<Void> logEnded(List<String> hashes) {
        if (hashes.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> cache.drop(hashes))
                .then(writes.execute(LOG_ENDED, cache.logKeys(), hashes).then());
    }

    private Duration ttl(boolean staff) {
        return staff ? properties.staffSessionTtl() : properties.sessionTtl();
    }
}
