package org.cityservice.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One-time subscribe grants, counted per resident and template as WeChat counts them: each accept
 * allows one message; sending uses one up, atomically, so two senders never spend the same grant.
 * WeChat offers no way to read the count, so ours can drift; a 43101 answer sets it back to zero.
 */
@Component
class SubscribeGrants {

    /** Who reported an accept: the mini-program, or WeChat's push event. */
    enum Source {
        CLIENT,
        PUSH
    }

    private static final Duration ECHO_WINDOW = Duration.ofMinutes(2);
    /** How long a counting call's id is kept: longer than a re-sent command can come after it. */
    private static final Duration OPERATIONS_KEPT = Duration.ofMinutes(10);

    private static final RedisScript<Long> ACCEPT = LuaScripts.load("identity/accept-grant", Long.class);
    private static final RedisScript<Long> CONSUME = LuaScripts.load("identity/consume-grant", Long.class);
    private static final RedisScript<Long> RESTORE = LuaScripts.load("identity/restore-grant", Long.class);
    /** Grant reads of a sweep's batch in flight at once. */
    private static final int CONCURRENCY = 64;

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final IdentityKeys keys;

    SubscribeGrants(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, IdentityKeys keys) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
    }

    Mono<Long> accept(String residentId, String templateId, Source source) {
        Source other = source == Source.CLIENT ? Source.PUSH : Source.CLIENT;
        return writes.execute(
                        ACCEPT,
                        List.of(keys.grants(residentId), keys.grantEcho(residentId), keys.grantOperations(residentId)),
                        List.of(
                                templateId,
                                source.name().toLowerCase(),
                                other.name().toLowerCase(),
                                Long.toString(ECHO_WINDOW.toSeconds()),
                                UUID.randomUUID().toString(),
                                Long.toString(OPERATIONS_KEPT.toSeconds())))
                .single();
    }

    Mono<Boolean> consume(String residentId, String templateId) {
        return writes.execute(
                        CONSUME,
                        List.of(keys.grants(residentId), keys.grantOperations(residentId)),
                        List.of(templateId, UUID.randomUUID().toString(), Long.toString(OPERATIONS_KEPT.toSeconds())))
                .single()
                .map(used -> used == 1);
    }

    /**
     * Of these residents, those who hold a grant of the template now (one may spend it before it is used). One
     * {@code HGET} each, sent together: their grant counts lie in many shards.
     */
    Mono<Set<String>> holders(List<String> residentIds, String templateId) {
        return Flux.fromIterable(Set.copyOf(residentIds))
                .flatMap(
                        id -> redis.<String, String>opsForHash()
                                .get(keys.grants(id), templateId)
                                .filter(held -> Long.parseLong(held) > 0)
                                .map(held -> id),
                        CONCURRENCY)
                .collect(Collectors.toSet());
    }

    /** A grant was used but the message never reached WeChat: give it back. */
    Mono<Void> restore(String residentId, String templateId) {
        return writes.execute(
                        RESTORE,
                        List.of(keys.grants(residentId), keys.grantOperations(residentId)),
                        List.of(templateId, UUID.randomUUID().toString(), Long.toString(OPERATIONS_KEPT.toSeconds())))
                .then();
    }

    /** WeChat says none is left (43101), or the resident switched the template off. */
    Mono<Void> zero(String residentId, String templateId) {
        return redis.opsForHash().remove(keys.grants(residentId), templateId).then();
    }

    Mono<Map<String, Long>> held(String residentId) {
        return redis.<String, String>opsForHash()
                .entries(keys.grants(residentId))
                .collectMap(Map.Entry::getKey, entry -> Long.parseLong(entry.getValue()));
    }
}
