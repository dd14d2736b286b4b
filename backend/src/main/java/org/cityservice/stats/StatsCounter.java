package org.cityservice.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cityservice.complaint.ComplaintDirectory;
import org.cityservice.shared.StreamEvent;
import org.cityservice.survey.SurveyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the counters current as events arrive (never by scanning cases): each sweep reads the
 * complaint and survey events after the live generation's cursors and counts each exactly once
 * ({@code count.lua} moves the cursor with the counts), each home's complaint events into that
 * home's counters. {@link #rebuild} counts every stream from the start into a new generation and
 * makes it live; the first sweep over counters of the one-tag layout does that instead of counting.
 */
@Component
class StatsCounter {

    private static final Logger log = LoggerFactory.getLogger(StatsCounter.class);
    static final int BATCH = 1000;

    /** A stream counted into the counters of {@code home} under its cursor {@code name}. */
    private record Source(
            String home, String name, Function<String, Flux<StreamEvent>> after, Function<StreamEvent, Tally> tally) {}

    private final StatsStore store;
    private final List<Source> sources;

    StatsCounter(StatsStore store, ComplaintDirectory complaints, SurveyDirectory surveys) {
        this.store = store;
        List<Source> sources = new ArrayList<>();
        // a case's events are all in its home's stream, so the cases each home's counters hold as late, closed or
        // sent back are whole; a survey lives in its case's home's shard, so its events count there too
        for (String home : store.homes()) {
            sources.add(new Source(
                    home, "complaints", after -> complaints.eventsAfter(home, after, BATCH), Tally::ofComplaintEvent));
            sources.add(new Source(
                    home, "surveys", after -> surveys.eventsAfter(home, after, BATCH), Tally::ofSurveyEvent));
        }
        this.sources = List.copyOf(sources);
    }

    /**
     * Counts what arrived since the last sweep into the live generation; how many events counted. Counters of the
     * one-tag layout are rebuilt instead (once): counting on into them per district would count each district's events
     * a second time.
     */
    Mono<Long> pull() {
        return store.countedByDistrict()
                .flatMap(byDistrict -> byDistrict ? store.liveGeneration().flatMap(this::countAll) : rebuild());
    }

    /**
     * Counts every event from the start into a new generation, then makes it live; how many events counted. A rebuild
     * cut short (a sweep's time ran out, the instance stopped) is taken up where it stood by the next.
     */
    Mono<Long> rebuild() {
        return store.rebuildGeneration()
                .flatMap(generation -> countAll(generation)
                        .flatMap(counted -> store.goLive(generation).thenReturn(counted))
                        .doOnNext(counted -> log.info(
                                "Statistics rebuilt from the event streams: generation {}, {} events",
                                generation,
                                counted)));
    }

    private Mono<Long> countAll(long generation) {
        return Flux.fromIterable(sources)
                .concatMap(source -> countFrom(generation, source))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> countFrom(long generation, Source source) {
        return store.cursor(generation, source.home(), source.name())
                .flatMap(cursor -> source.after().apply(cursor).collectList())
                .flatMap(events -> {
                    if (events.isEmpty()) {
                        return Mono.just(0L);
                    }
                    // events that count for nothing cost no round trip: the cursor passes them at the end of the batch
                    Mono<Long> batch = Flux.fromIterable(events)
                            .concatMap(event -> {
                                Tally tally = source.tally().apply(event);
                                return tally == null
                                        ? Mono.just(false)
                                        : store.count(generation, source.home(), source.name(), event.id(), tally);
                            })
                            .filter(Boolean::booleanValue)
                            .count()
                            .flatMap(counted -> store.skipTo(
                                            generation,
                                            source.home(),
                                            source.name(),
                                            events.get(events.size() - 1).id())
                                    .thenReturn(counted));
                    return events.size() < BATCH
                            ? batch
                            : batch.flatMap(
                                    counted -> countFrom(generation, source).map(more -> counted + more));
                });
    }
}
