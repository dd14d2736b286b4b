package org.cityservice.listing;

import java.util.Comparator;
import org.cityservice.shared.GeoPoint;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The nearest community station to a place, for other features (a new complaint is routed there). */
@Component
public class StationFinder {

    /** A station as other features see it. */
    public record StationRef(
            @Nullable String id,
            @Nullable String name,
            String district,
            @Nullable String subdistrict,
            long distance) {}

    private final ListingStore store;
    private final NearbySearch search;

    StationFinder(ListingStore store, NearbySearch search) {
        this.store = store;
        this.search = search;
    }

    /**
     * One station by id, with its distance from {@code from} (-1 when {@code from} is null: a case reported by address
     * only); empty when there is no such station.
     */
    public Mono<StationRef> find(String id, @Nullable GeoPoint from) {
        return store.find(ListingType.STATION, id).map(stored -> {
            CommunityStation station = stored.listing();
            return new StationRef(
                    station.id(),
                    station.name(),
                    station.district(),
                    station.subdistrict(),
                    from == null ? -1 : Math.round(from.distanceTo(station.location())));
        });
    }

    /**
     * The station whose subdistrict (街道) an address names, preferring the longest name; else, when it names only a
     * district (区), that district with no station ({@code id}, {@code subdistrict} null). Empty when it names
     * neither. Distances are unknown: {@code distance} is -1.
     */
    public Mono<StationRef> named(String address) {
        return allStations().collectList().flatMap(stations -> {
            CommunityStation bySubdistrict = stations.stream()
                    .filter(s ->
                            s.subdistrict() != null && !s.subdistrict().isBlank() && address.contains(s.subdistrict()))
                    .max(Comparator.comparingInt(
                                    (CommunityStation s) -> s.subdistrict().length())
                            .thenComparing(CommunityStation::id, Comparator.reverseOrder()))
                    .orElse(null);
            if (bySubdistrict != null) {
                return Mono.just(new StationRef(
                        bySubdistrict.id(),
                        bySubdistrict.name(),
                        bySubdistrict.district(),
                        bySubdistrict.subdistrict(),
                        -1));
            }
            return Mono.justOrEmpty(stations.stream()
                    .map(CommunityStation::district)
                    .filter(d -> d != null && !d.isBlank() && address.contains(d))
                    .max(Comparator.comparingInt(String::length))
                    .map(district -> new StationRef(null, null, district, null, -1)));
        });
    }

    private Flux<CommunityStation> allStations() {
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(page -> store.page(ListingType.STATION, null, (long) page * PAGE, PAGE))
                .takeUntil(page -> page.items().size() < PAGE)
                .concatMapIterable(ListingPage::items)
                .map(Versioned::listing);
    }

    private static final int PAGE = 500;

    /** Empty when no station lies within {@code radius} metres. */
    public Mono<StationRef> nearest(double lat, double lng, int radius) {
        return search.nearest(ListingType.STATION, lat, lng, radius).map(hit -> {
            CommunityStation station = hit.item().listing();
            return new StationRef(
                    station.id(),
                    station.name(),
                    station.district(),
                    station.subdistrict(),
                    Math.round(hit.distance()));
        });
    }
}
