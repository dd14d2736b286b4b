package org.cityservice.listing;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Nearest listings that pass the resident's filters. Redis returns the nearest N with details in one
 * round trip; when filters throw some away, it asks again for four times as many until it has
 * enough or the radius holds no more. Without filters one round trip always does.
 */
@Component
class NearbySearch {

    private static final int GROWTH = 4;

    private final ListingStore store;
    private final AvailabilityPolicy policy;

    NearbySearch(ListingStore store, AvailabilityPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** A listing found, judged at {@code now}. */
    record Found<T extends Listing>(NearbyHit<T> hit, Availability availability, ZonedDateTime now) {}

    /** @param filter null when the resident set no filter */
    <T extends Listing> Mono<List<Found<T>>> search(
            ListingType<T> type, NearbyQuery query, @Nullable BiPredicate<T, Availability> filter) {
        ZonedDateTime now = policy.now();
        String district = query.district();
        BiPredicate<T, Availability> all =
                district == null ? filter : and(filter, (listing, availability) -> district.equals(listing.district()));
        int first = all == null ? query.limit() : query.limit() * GROWTH;
        return fetch(type, query, all, now, first);
    }

    private <T extends Listing> Mono<List<Found<T>>> fetch(
            ListingType<T> type,
            NearbyQuery query,
            @Nullable BiPredicate<T, Availability> filter,
            ZonedDateTime now,
            int count) {
        return store.nearby(type, query.lat(), query.lng(), query.radius(), count)
                .flatMap(hits -> {
                    List<Found<T>> found = new ArrayList<>(query.limit());
                    for (NearbyHit<T> hit : hits) {
                        T listing = hit.item().listing();
                        Availability availability = policy.at(listing, now);
                        if (filter == null || filter.test(listing, availability)) {
                            found.add(new Found<>(hit, availability, now));
                            if (found.size() == query.limit()) {
                                return Mono.just(found);
                            }
                        }
                    }
                    boolean radiusExhausted = hits.size() < count;
                    return radiusExhausted ? Mono.just(found) : fetch(type, query, filter, now, count * GROWTH);
                });
    }

    private static <T extends Listing> BiPredicate<T, Availability> and(
            @Nullable BiPredicate<T, Availability> a, BiPredicate<T, Availability> b) {
        return a == null ? b : a.and(b);
    }
}
