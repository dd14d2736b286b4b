package org.cityservice.complaint;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.StartupRetry;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The districts whose homes hold cases, noted in {@code {complaint}:homes}, and the start's check of
 * {@code app.districts} against them. Sweeps, the city's list, statistics and erasure visit the homes of the districts
 * in {@code app.districts} ({@link ComplaintKeys#homes}); a district taken out while its cases are kept would drop them
 * from every one of those, silently: no deadline escalated, no survey sent, no case erased. So a home is noted before
 * the first case is written into it (once per instance), and a start that leaves out a noted district whose home still
 * holds cases stops, naming its code and how many. Nothing is ever forgotten: a note costs nothing, and forgetting one
 * while an instance of the earlier configuration still writes there would lose it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DistrictHomes implements ApplicationRunner {

    private final ReactiveStringRedisTemplate redis;
    private final ComplaintKeys keys;
    private final AcknowledgedWrites writes;
    private final StartupRetry startup;
    /** The codes this instance knows to be noted: each is noted once, not at every report. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    DistrictHomes(
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

    /** Notes the home a case is about to be written into, before the case; the legacy home needs no note. */
    Mono<Void> note(ComplaintKeys.Home home) {
        String code = home.name();
        if (code.isEmpty() || known.contains(code)) {
            return Mono.empty();
        }
        return redis.opsForSet()
                .add(noted(), code)
                .then(writes.confirm(noted()))
                .doOnSuccess(done -> known.add(code));
    }

    /**
     * Notes the listed districts whose homes hold cases (a store filled before notes were kept), then fails naming the
     * noted districts left out of the list whose homes still hold cases.
     */
    Mono<Void> check() {
        List<String> configured = keys.homes().stream()
                .map(ComplaintKeys.Home::name)
                .filter(code -> !code.isEmpty())
                .toList();
        Mono<Void> seeded = Flux.fromIterable(configured)
                .filterWhen(code -> cases(code).map(n -> n > 0))
                .collectList()
                .flatMap(holding -> holding.isEmpty()
                        ? Mono.empty()
                        : redis.opsForSet()
                                .add(noted(), holding.toArray(String[]::new))
                                .then(writes.confirm(noted())));
        Mono<List<String>> leftOut = redis.opsForSet()
                .members(noted())
                .filter(code -> !configured.contains(code))
                .concatMap(code -> cases(code).filter(n -> n > 0).map(n -> code + " (" + n + " 件)"))
                .collectList();
        return seeded.then(leftOut)
                .flatMap(left -> left.isEmpty()
                        ? redis.opsForSet()
                                .members(noted())
                                .collectList()
                                .doOnNext(this::know)
                                .then()
                        : Mono.error(new IllegalStateException("app.districts leaves out the district code(s) "
                                + String.join(", ", left)
                                + " whose home still holds cases: every sweep and city-wide list"
                                + " would pass them by. Keep each in app.districts (code and name) for as long as its cases"
                                + " are kept")));
    }

    /** What is noted, now: the codes known to be noted before are no longer if the store lost them. */
    private void know(List<String> noted) {
        known.retainAll(noted);
        known.addAll(noted);
    }

    private Mono<Long> cases(String code) {
        return redis.opsForHash().size(keys.named(code).cases());
    }

    private String noted() {
        return keys.legacy().key("homes");
    }
}
