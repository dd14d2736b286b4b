package org.cityservice.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.StoredFields;
import org.cityservice.wechat.WechatGateway.WechatIdentity;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Residents in Redis, all under the {@code identity} hash tag (docs/redis-keys.md): a hash per
 * resident and an openid → id index. Ids are random, so they say nothing about how many residents
 * there are or who came first.
 */
@Component
class ResidentStore {

    private static final RedisScript<String> FIND_OR_CREATE =
            LuaScripts.load("identity/find-or-create-resident", String.class);
    private static final RedisScript<Long> DELETE = LuaScripts.load("identity/delete-resident", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;
    private final Sessions sessions;
    private final SubscribeGrants grants;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ResidentStore(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            RedisKeys keys,
            Sessions sessions,
            SubscribeGrants grants,
            Clock clock) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.sessions = sessions;
        this.grants = grants;
        this.clock = clock;
    }

    /** @return the resident's id, new on the first login of this openid */
    Mono<String> findOrCreate(WechatIdentity identity) {
        String newId = newId();
        return writes.execute(
                        FIND_OR_CREATE,
                        List.of(openidKey(identity.openid()), residentKey(newId)),
                        List.of(
                                newId,
                                identity.openid(),
                                identity.unionid() == null ? "" : identity.unionid(),
                                Long.toString(clock.millis())))
                .single();
    }

    Mono<String> idOf(String openid) {
        return redis.opsForValue().get(openidKey(openid));
    }

    Mono<Resident> find(String id) {
        return redis.<String, String>opsForHash()
                .entries(residentKey(id))
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
                .putAll(residentKey(id), Map.of("phone", phone, "phoneBoundAt", Long.toString(clock.millis())))
                .then(writes.confirm(residentKey(id)));
    }

    Mono<Void> unbindPhone(String id) {
        return redis.<String, String>opsForHash()
                .remove(residentKey(id), "phone", "phoneBoundAt")
                .then(writes.confirm(residentKey(id)));
    }

    /** Erases the profile, the openid link, the subscribe grants and every session; retried if a login races with it. */
    Mono<Void> delete(Resident resident) {
        Caller owner = new Caller(Caller.Kind.RESIDENT, resident.id());
        String sessionSet = sessions.ownerKey(owner);
        return redis.opsForSet().members(sessionSet).collectList().flatMap(hashes -> {
            List<String> scriptKeys = new ArrayList<>(List.of(
                    residentKey(resident.id()),
                    openidKey(Objects.requireNonNull(resident.openid(), "a stored resident signed in with WeChat")),
                    sessionSet,
                    grants.grantsKey(resident.id()),
                    grants.echoKey(resident.id())));
            scriptKeys.addAll(sessions.revocationKeys());
            hashes.forEach(hash -> scriptKeys.add(sessions.sessionKeyPrefix() + hash));
            return writes.execute(DELETE, scriptKeys, List.of(sessions.sessionKeyPrefix()))
                    .single()
                    .flatMap(revoked -> {
                        if (revoked < 0) {
                            return delete(resident);
                        }
                        sessions.ended(hashes);
                        return Mono.<Void>empty();
                    });
        });
    }

    private String residentKey(String id) {
        return keys.key("identity", "resident", id);
    }

    private String openidKey(String openid) {
        return keys.key("identity", "openid", openid);
    }

    private String newId() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return "r-" + HexFormat.of().formatHex(bytes);
    }
}
