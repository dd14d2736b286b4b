package org.cityservice.listing;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Nearest listings that pass the resident's filters, from this backend's in-memory index ({@link ListingIndex}):
 * listings come nearest first and are judged one by one until enough pass, so a filter costs no extra round trip.
 */
@Component
class NearbySearch {

    /** Only while the backend starts (readiness is DOWN meanwhile) can the index still be loading. */
    private static final Duration LOADING = Duration.ofSeconds(10);

    private final ListingIndex index;
    private final AvailabilityPolicy policy;

    NearbySearch(ListingIndex index, AvailabilityPolicy policy) {
        this.index = index;
        this.policy = policy;
    }

    /** A listing found, judged at {@code now}. */
    record Found<T extends Listing>(NearbyHit<T> hit, Availability availability, ZonedDateTime now) {}

    /** @param filter null when the resident set no filter */
    <T extends Listing> Mono<List<Found<T>>> search(
            ListingType<T> type, NearbyQuery query, @Nullable BiPredicate<T, Availability> filter) {
        String district = query.district();
        BiPredicate<T, Availability> all =
                district == null ? filter : and(filter, (listing, availability) -> district.equals(listing.district()));
        return loaded(type).map(nearby -> {
            ZonedDateTime now = policy.now();
            List<Found<T>> found = new ArrayList<>(query.limit());
            nearby.nearest(query.lat(), query.lng(), query.radius(), hit -> {
                T listing = hit.item().listing();
                Availability availability = policy.at(listing, now);
                if (all == null || all.test(listing, availability)) {
                    found.add(new Found<>(hit, availability, now));
                }
                return found.size() < query.limit();
            });
            return found;
        });
    }

    /** The nearest listing of a kind within {@code radius} metres, unfiltered. */
    <T extends Listing> Mono<NearbyHit<T>> nearest(ListingType<T> type, double lat, double lng, int radius) {
        return loaded(type).flatMap(nearby -> {
            List<NearbyHit<T>> first = new ArrayList<>(1);
            nearby.nearest(lat, lng, radius, hit -> !first.add(hit));
            return Mono.justOrEmpty(first.isEmpty() ? null : first.get(0));
        });
    }

    /** One listing as this backend's index holds it: what the store holds, or held a poll ago (another backend's write). */
    <T extends Listing> Mono<Versioned<T>> find(ListingType<T> type, String id) {
        return loaded(type).mapNotNull(nearby -> nearby.find(id));
    }

    private <T extends Listing> Mono<NearbyIndex<T>> loaded(ListingType<T> type) {
        return index.index(type)
                .timeout(LOADING, Mono.error(() -> new ApiException(ProblemType.SERVICE_UNAVAILABLE, "服务正在启动,请稍后再试")));
    }

    private static <T extends Listing> BiPredicate<T, Availability> and(
            @Nullable BiPredicate<T, Availability> a, BiPredicate<T, Availability> b) {
        return a == null ? b : a.and(b);
    }
}
