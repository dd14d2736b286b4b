package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Completes the merges across homes whose earlier case's side was not written when they were made (its master
 * failing over, the instance stopped between the two steps): each home's hand-overs older than a minute, with the
 * 督办 sweep. Writing a side twice writes it once ({@code merge-in.lua}), so a sweep racing the request does no harm.
 */
@Component
class MergeHandOvers {

    private static final Logger log = LoggerFactory.getLogger(MergeHandOvers.class);
    /** A merge's own request writes the other side within this; the sweep takes what is older. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final ComplaintStore store;
    private final ComplaintKeys keys;

    MergeHandOvers(ComplaintStore store, ComplaintKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** How many hand-overs it completed. */
    Mono<Long> sweep(Instant now) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> store.handOversDue(home, now.minus(GRACE), 100)
                        .concatMap(handOver -> store.handOver(home, handOver).thenReturn(handOver))
                        // one home that cannot be reached holds up none of the others
                        .onErrorResume(error -> {
                            log.warn("Merges of {} not handed over now: {}", home.tag(), error.toString());
                            return Mono.empty();
                        }))
                .doOnNext(handOver -> log.info(
                        "Merge of {} into {} completed by the sweep", handOver.duplicate(), handOver.earlier()))
                .count();
    }
}
