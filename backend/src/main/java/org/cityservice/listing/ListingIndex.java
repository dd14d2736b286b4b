package org.cityservice.listing;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Every backend's in-memory copy of the listings, for nearby searches; Redis stays the system of record. Each kind is
 * loaded at startup (the start, and so readiness, waits for it) and then follows the kind's change log: every
 * {@code app.listings.index.poll}, and at once after a write through this backend, which is answered only when its
 * change is in the index. A log that was trimmed past what an index knows, or a store that went back (emptied,
 * restored), makes that kind load again, so a missed change cannot leave an index stale for ever.
 *
 * <p>Per kind, one sync runs at a time (a queue of requests served in order); searches read the index's published
 * snapshot without waiting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ListingIndex implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ListingIndex.class);
    /** Changes applied per round trip; more are fetched in the same sync. */
    private static final int BATCH = 500;

    private final ListingStore store;
    private final StartupRetry startup;
    private final NearbyIndexProperties properties;
    private final Map<ListingType<?>, Follower<?>> followers;
    private final Disposable.Composite running = Disposables.composite();

    ListingIndex(ListingStore store, StartupRetry startup, NearbyIndexProperties properties) {
        this.store = store;
        this.startup = startup;
        this.properties = properties;
        this.followers = Map.of(
                ListingType.STATION, new Follower<>(ListingType.STATION),
                ListingType.VENDING_ZONE, new Follower<>(ListingType.VENDING_ZONE),
                ListingType.SCHOOL_POST, new Follower<>(ListingType.SCHOOL_POST));
        followers.values().forEach(follower -> running.add(follower.start()));
    }

    @Override
    public void run(ApplicationArguments args) {
        startup.retrying("Nearby index", reload()).block();
        running.add(Flux.interval(properties.poll(), properties.poll(), Schedulers.parallel())
                .onBackpressureDrop()
                .subscribe(tick -> followers.values().forEach(Follower::tick)));
    }

    @Override
    public void destroy() {
        running.dispose();
    }

    /** Loads every kind again from the store: at startup, and in tests after they empty the store behind our back. */
    public Mono<Void> reload() {
        return Flux.fromIterable(followers.values())
                .concatMap(follower -> follower.request(true))
                .then();
    }

    /** The kind's index, once it has been loaded. */
    <T extends Listing> Mono<NearbyIndex<T>> index(ListingType<T> type) {
        return follower(type).loaded();
    }

    /** Brings every kind's index up to the store's latest change; never fails (the poll retries a failed sync). */
    Mono<Void> catchUp() {
        return Flux.fromIterable(followers.keySet()).concatMap(this::catchUp).then();
    }

    /** Brings the kind's index up to the store's latest change; never fails (the poll retries a failed sync). */
    Mono<Void> catchUp(ListingType<?> type) {
        return follower(type).request(false).onErrorResume(e -> {
            log.warn(
                    "Nearby index of {} not brought up to date now ({}); the next poll tries again",
                    type.name(),
                    e.toString());
            return Mono.empty();
        });
    }

    @SuppressWarnings("unchecked")
    private <T extends Listing> Follower<T> follower(ListingType<T> type) {
        return (Follower<T>) Objects.requireNonNull(followers.get(type), "a follower for every kind");
    }

    /** One kind's index and the revision of the store it reflects. */
    private final class Follower<T extends Listing> {

        private final ListingType<T> type;
        private final NearbyIndex<T> index = new NearbyIndex<>();
        private final Sinks.Many<Request> requests = Sinks.many().unicast().onBackpressureBuffer();
        private final Sinks.One<NearbyIndex<T>> loaded = Sinks.one();
        private final AtomicBoolean tickQueued = new AtomicBoolean();
        private final AtomicBoolean failing = new AtomicBoolean();
        /** Touched only by the sync in progress; -1 until loaded. */
        private long revision = -1;

        Follower(ListingType<T> type) {
            this.type = type;
        }

        /** A sync asked for; {@code reload} loads the kind whatever the log says. */
        private record Request(boolean reload, Sinks.Empty<Void> done) {}

        Disposable start() {
            return requests.asFlux()
                    .concatMap(
                            request -> sync(request.reload())
                                    .doOnSuccess(done -> request.done().tryEmitEmpty())
                                    .doOnError(e -> request.done().tryEmitError(e))
                                    .onErrorResume(e -> Mono.empty()),
                            1)
                    .subscribe();
        }

        Mono<NearbyIndex<T>> loaded() {
            return loaded.asMono();
        }

        /** A sync, queued when subscribed to; completes when it has run. */
        Mono<Void> request(boolean reload) {
            return Mono.defer(() -> {
                Sinks.Empty<Void> done = Sinks.empty();
                requests.emitNext(
                        new Request(reload, done), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
                return done.asMono();
            });
        }

        void tick() {
            if (tickQueued.compareAndSet(false, true)) {
                request(false)
                        .doFinally(signal -> tickQueued.set(false))
                        .subscribe(
                                done -> {},
                                e -> {
                                    // once per outage, not four times a second
                                    if (failing.compareAndSet(false, true)) {
                                        log.warn(
                                                "Nearby index of {}: poll failed ({}); answering from what it holds"
                                                        + " and trying again every {}",
                                                type.name(),
                                                e.toString(),
                                                properties.poll());
                                    }
                                },
                                () -> {
                                    if (failing.compareAndSet(true, false)) {
                                        log.info("Nearby index of {}: polling again", type.name());
                                    }
                                });
            }
        }

        private Mono<Void> sync(boolean reload) {
            if (reload) {
                revision = -1; // asked for (tests that empty the store): a first load again, not a surprise
                return load();
            }
            if (revision < 0) {
                return load();
            }
            return store.changes(type).since(revision, BATCH).flatMap(changes -> switch (changes.state()) {
                case SAME -> Mono.<Void>empty();
                case RELOAD -> load();
                case CHANGES ->
                    store.current(type, List.copyOf(new LinkedHashSet<>(changes.ids())))
                            .flatMap(now -> {
                                index.apply(now);
                                revision = changes.revision();
                                return changes.ids().size() < BATCH ? Mono.<Void>empty() : sync(false);
                            });
            });
        }

        /** The revision first, then the listings: a change made meanwhile is in both or comes again with the next sync. */
        private Mono<Void> load() {
            return store.changes(type)
                    .revision()
                    .flatMap(now -> store.all(type).collectList().map(items -> {
                        boolean first = revision < 0;
                        index.replaceAll(items);
                        revision = now;
                        String message = "Nearby index of {}: {} listings loaded at revision {}";
                        if (first) {
                            log.info(message, type.name(), items.size(), revision);
                        } else { // the store went back or the log was trimmed past us: worth knowing, rarely
                            log.warn(
                                    message + " (again: the change log could not bring it up to date)",
                                    type.name(),
                                    items.size(),
                                    revision);
                        }
                        return index;
                    }))
                    .doOnNext(loaded::tryEmitValue)
                    .then();
        }
    }
}
