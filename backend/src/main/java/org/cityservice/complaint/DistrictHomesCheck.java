package org.cityservice.complaint;

import java.util.List;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The start refuses a list of districts that leaves out a district whose home still holds cases. Sweeps, the city's
 * list, statistics and erasure visit the homes of the districts in {@code app.districts} ({@link ComplaintKeys#homes});
 * a district taken out while its cases are kept would drop them from every one of those, silently: no deadline
 * escalated, no survey sent, no case erased. So each start notes the districts' codes in {@code {complaint}:homes},
 * and a code noted by an earlier start that is gone now stops this one, naming the code and how many cases its home
 * holds — unless its home is empty (a district added by mistake and taken out again), which is then forgotten.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DistrictHomesCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DistrictHomesCheck.class);

    private final ReactiveStringRedisTemplate redis;
    private final ComplaintKeys keys;
    private final AcknowledgedWrites writes;
    private final StartupRetry startup;

    DistrictHomesCheck(
            ReactiveStringRedisTemplate redis, ComplaintKeys keys, AcknowledgedWrites writes, StartupRetry startup) {
        this.redis = redis;
        this.keys = keys;
        this.writes = writes;
        this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
        startup.retrying("Districts' homes", check()).block();
    }

    /** Notes the districts' codes; an error naming the districts left out that still hold cases. */
    Mono<Void> check() {
        String noted = keys.legacy().key("homes");
        List<String> configured = keys.homes().stream()
                .map(ComplaintKeys.Home::name)
                .filter(name -> !name.isEmpty())
                .toList();
        return redis.opsForSet()
                .members(noted)
                .filter(code -> !configured.contains(code))
                .concatMap(code -> redis.opsForHash()
                        .size(keys.named(code).cases())
                        .flatMap(cases -> cases > 0
                                ? Mono.just(code + "(" + cases + " 件)")
                                : redis.opsForSet()
                                        .remove(noted, code)
                                        .doOnNext(removed -> log.info(
                                                "District code {} is gone from app.districts and its home is empty:"
                                                        + " forgotten",
                                                code))
                                        .then(Mono.empty())))
                .collectList()
                .flatMap(left -> left.isEmpty()
                        ? redis.opsForSet()
                                .add(noted, configured.toArray(String[]::new))
                                .then(writes.confirm(noted))
                        : Mono.error(new IllegalStateException("app.districts leaves out the district code(s) "
                                + String.join(", ", left) + " whose home still holds cases: every sweep and city-wide"
                                + " list would pass them by. Keep each in app.districts (code and name) for as long as"
                                + " its cases are kept")));
    }
}
