package org.cityservice.complaint;

import java.time.Duration;
import java.util.List;
import org.cityservice.redis.LuaScripts;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing the first try of a report was given, kept for its retries (docs/complaints.md, "Intake"): a retry takes
 * it instead of routing again, so it looks for the first try's case, and files its own, in the home the first try
 * used, even when a station was added or moved in between. Kept apart from any district ({@link
 * ComplaintKeys#firstRouting}), so a retry finds it wherever routing would send it now.
 */
@Component
class FirstRoutings {

    private static final RedisScript<String> KEEP_FIRST = LuaScripts.load("redis/keep-first", String.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;

    FirstRoutings(ReactiveStringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * The routing to file under {@code key}: the one kept by an earlier try, else {@code routed}, kept now.
     *
     * @param lifetime how long it is kept; zero for good
     */
    Mono<Complaint.Routing> keep(String key, Complaint.Routing routed, Duration lifetime) {
        return redis.execute(
                        KEEP_FIRST,
                        List.of(key),
                        List.of(json.writeValueAsString(routed), Long.toString(lifetime.toSeconds())))
                .single()
                .map(kept -> kept.isEmpty() ? routed : json.readValue(kept, Complaint.Routing.class));
    }
}
