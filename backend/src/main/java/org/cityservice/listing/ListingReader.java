package org.cityservice.listing;

import java.time.ZonedDateTime;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.cityservice.shared.ApiException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Reads one kind of listing and presents it, with whether it is open now, as that kind's view. */
final class ListingReader<T extends Listing, V> {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    private final ListingType<T> type;
    private final ListingStore store;
    private final NearbySearch search;
    private final AvailabilityPolicy policy;
    private final BiFunction<Versioned<T>, AvailabilityView, V> view;

    ListingReader(
            ListingType<T> type,
            ListingStore store,
            NearbySearch search,
            AvailabilityPolicy policy,
            BiFunction<Versioned<T>, AvailabilityView, V> view) {
        this.type = type;
        this.store = store;
        this.search = search;
        this.policy = policy;
        this.view = view;
    }

    ListingType<T> type() {
        return type;
    }

    Mono<Versioned<T>> find(String id) {
        return known(id, store.find(type, id));
    }

    /**
     * A resident's read: from this backend's index, like nearby, so it costs no round trip. Staff edits go through
     * {@link #find}, which reads the store, so a version they act on is never a poll old.
     */
    Mono<V> get(String id) {
        return known(id, search.find(type, id)).map(this::present);
    }

    /** The listing {@code lookup} finds, or 404 for an id that is not one of ours or not there. */
    private Mono<Versioned<T>> known(String id, Mono<Versioned<T>> lookup) {
        return ID.matcher(id).matches()
                ? lookup.switchIfEmpty(Mono.error(() -> notFound(id)))
                : Mono.error(notFound(id));
    }

    V present(Versioned<T> stored) {
        ZonedDateTime now = policy.now();
        return present(stored, policy.at(stored.listing(), now), now);
    }

    Mono<NearbyResponse<V>> nearby(NearbyQuery query, @Nullable BiPredicate<T, Availability> filter) {
        return search.search(type, query, filter)
                .map(found -> new NearbyResponse<>(
                        found.stream()
                                .map(f -> new NearbyResponse.Item<>(
                                        Math.round(f.hit().distance()),
                                        present(f.hit().item(), f.availability(), f.now())))
                                .toList(),
                        query.radius(),
                        policy.now().toOffsetDateTime()));
    }

    private V present(Versioned<T> stored, Availability availability, ZonedDateTime now) {
        boolean duty = stored.listing() instanceof SchoolSafetyPost;
        return view.apply(stored, AvailabilityView.of(availability, now, duty));
    }

    ApiException notFound(String id) {
        return ApiException.notFound("没有找到编号为 " + id + " 的" + type.label());
    }
}
