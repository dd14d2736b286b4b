package org.cityservice.complaint;

import java.time.Duration;
import java.util.Objects;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing the first try of a report was given, kept for its retries (docs/complaints.md, "Intake"): a retry takes
 * it instead of routing again, so it looks for the first try's case, and files its own, in the home the first try
 * used, even when a station was added or moved in between. Kept apart from any district ({@link
 * ComplaintKeys#firstRouting}), so a retry finds it wherever routing would send it now; kept once a report passed the
 * hourly limit and the content check, before its case is written.
 */
@Component
class FirstRoutings {

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;

    FirstRoutings(ReactiveStringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** The routing an earlier try kept under {@code key}; empty when none did. */
    Mono<Complaint.Routing> kept(String key) {
        return redis.opsForValue().get(key).map(stored -> json.readValue(stored, Complaint.Routing.class));
    }

    /**
     * Keeps {@code routed} under {@code key} unless an earlier try kept one. Two first tries at once route alike but
     * for a station changed between them: the one that did not keep its routing, routed to another district, is
     * answered 503, and its retry takes the kept routing.
     *
     * @param lifetime how long it is kept; zero for good
     */
    Mono<Void> keep(String key, Complaint.Routing routed, Duration lifetime) {
        String value = json.writeValueAsString(routed);
        return (lifetime.isZero()
                        ? redis.opsForValue().setIfAbsent(key, value)
                        : redis.opsForValue().setIfAbsent(key, value, lifetime))
                .flatMap(kept -> kept
                        ? Mono.<Void>empty()
                        : kept(key)
                                .filter(other -> !Objects.equals(other.district(), routed.district()))
                                .flatMap(other -> Mono.<Void>error(
                                        new ApiException(ProblemType.SERVICE_UNAVAILABLE, "同一诉求的另一次提交正在处理,请稍后重试"))));
    }
}
