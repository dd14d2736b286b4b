package org.cityservice.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.StoredFields;
import org.cityservice.wechat.WechatGateway.WechatIdentity;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Residents in Redis, spread over the identity shards ({@link IdentityKeys}, docs/redis-keys.md): a hash per
 * resident and an openid → id index. Ids are random, so they say nothing about how many residents
 * there are or who came first.
 */
@Component
class ResidentStore {

    private static final RedisScript<String> FIND_OR_CREATE =
            LuaScripts.load("identity/find-or-create-resident", String.class);
    private static final RedisScript<Long> DELETE = LuaScripts.load("identity/delete-resident", Long.class);
    private static final RedisScript<String> UNLINK = LuaScripts.load("identity/unlink-openid", String.class);

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final IdentityKeys keys;
    private final Sessions sessions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ResidentStore(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            IdentityKeys keys,
            Sessions sessions,
            Clock clock) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** @return the resident's id, new on the first login of this openid */
    Mono<String> findOrCreate(WechatIdentity identity) {
        String newId = newId(identity.openid());
        return writes.execute(
                        FIND_OR_CREATE,
                        List.of(keys.openid(identity.openid()), keys.resident(newId)),
                        List.of(
                                newId,
                                identity.openid(),
                                identity.unionid() == null ? "" : identity.unionid(),
                                Long.toString(clock.millis())))
                .single();
    }

    Mono<String> idOf(String openid) {
        return redis.opsForValue().get(keys.openid(openid));
    }

    Mono<Resident> find(String id) {
        return redis.<String, String>opsForHash()
                .entries(keys.resident(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> !fields.isEmpty())
                .map(fields -> new Resident(
                        StoredFields.required(fields, "id"),
                        StoredFields.required(fields, "openid"),
                        fields.get("unionid"),
                        fields.get("phone"),
                        Instant.ofEpochMilli(Long.parseLong(StoredFields.required(fields, "createdAt")))));
    }

    Mono<Void> bindPhone(String id, String phone) {
        return redis.<String, String>opsForHash()
                .putAll(keys.resident(id), Map.of("phone", phone, "phoneBoundAt", Long.toString(clock.millis())))
                .then(writes.confirm(keys.resident(id)));
    }

    Mono<Void> unbindPhone(String id) {
        return redis.<String, String>opsForHash()
                .remove(keys.resident(id), "phone", "phoneBoundAt")
                .then(writes.confirm(keys.resident(id)));
    }

    /** A deletion begun: which resident, with the openid its link is found by. */
    record PendingErasure(String residentId, String openid) {

        String member() {
            return residentId + " " + openid;
        }

        static PendingErasure of(String member) {
            int space = member.indexOf(' ');
            return new PendingErasure(member.substring(0, space), member.substring(space + 1));
        }
    }

    /**
     * Notes a deletion before its first step ({@code {identity}:erasing}), so that one stopped midway is finished
     * later ({@link AccountDeletion}): its steps lie in several slots.
     */
    Mono<PendingErasure> noteErasure(Resident resident) {
        PendingErasure pending = new PendingErasure(
                resident.id(), Objects.requireNonNull(resident.openid(), "a stored resident signed in with WeChat"));
        return redis.opsForZSet()
                .add(keys.global("erasing"), pending.member(), clock.millis())
                .then(writes.confirm(keys.global("erasing")))
                .thenReturn(pending);
    }

    /** Deletions noted longer than {@code after} ago and not cleared. */
    Flux<PendingErasure> stoppedErasures(Duration after) {
        return redis.opsForZSet()
                .rangeByScore(keys.global("erasing"), Range.closed(0.0, (double)
                        clock.instant().minus(after).toEpochMilli()))
                .map(PendingErasure::of);
    }

    Mono<Void> clearErasure(PendingErasure pending) {
        return redis.opsForZSet()
                .remove(keys.global("erasing"), pending.member())
                .then();
    }

    /**
     * Erases the profile, the openid link, the subscribe grants and every session; retried if a login races with it.
     * The link goes first: a login meanwhile makes a new resident rather than one whose profile is gone.
     */
    Mono<Void> erase(PendingErasure pending) {
        return writes.execute(UNLINK, List.of(keys.openid(pending.openid())), List.of(pending.residentId()))
                .then(deleteInShard(pending.residentId()));
    }

    private Mono<Void> deleteInShard(String id) {
        Caller owner = new Caller(Caller.Kind.RESIDENT, id);
        String sessionSet = keys.sessionSet(owner);
        return redis.opsForSet().members(sessionSet).collectList().flatMap(hashes -> {
            List<String> scriptKeys = new ArrayList<>(List.of(
                    keys.resident(id), sessionSet, keys.grants(id), keys.grantEcho(id), keys.grantOperations(id)));
            hashes.forEach(hash -> scriptKeys.add(keys.session(owner, hash)));
            return sessions.endedOnFailure(
                            writes.execute(DELETE, scriptKeys, List.of(keys.sessionPrefix(owner)))
                                    .single(),
                            hashes)
                    .flatMap(revoked -> revoked < 0 ? deleteInShard(id) : sessions.logEnded(hashes));
        });
    }

    /** A random id in the openid's shard, so the first login writes the link and the profile in one slot. */
    private String newId(String openid) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "r-" + IdentityKeys.shardOfOpenid(openid)
                + HexFormat.of().formatHex(bytes).substring(1);
    }
}
