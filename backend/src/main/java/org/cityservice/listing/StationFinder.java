package org.cityservice.listing;

import org.cityservice.shared.GeoPoint;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The nearest community station to a place, for other features (a new complaint is routed there). */
@Component
public class StationFinder {

    /** A station as other features see it. */
    public record StationRef(String id, String name, String district, String subdistrict, long distance) {
    }

    private final ListingStore store;

    StationFinder(ListingStore store) {
        this.store = store;
    }

    /** One station by id, with its distance from {@code from}; empty when there is no such station. */
    public Mono<StationRef> find(String id, GeoPoint from) {
        return store.find(ListingType.STATION, id).map(stored -> {
            CommunityStation station = stored.listing();
            return new StationRef(station.id(), station.name(), station.district(), station.subdistrict(),
                    Math.round(from.distanceTo(station.location())));
        });
    }

    /** Empty when no station lies within {@code radius} metres. */
    public Mono<StationRef> nearest(double lat, double lng, int radius) {
        return store.nearby(ListingType.STATION, lat, lng, radius, 1)
                .flatMap(hits -> hits.isEmpty() ? Mono.empty() : Mono.just(hits.get(0)))
                .map(hit -> {
                    CommunityStation station = hit.item().listing();
                    return new StationRef(station.id(), station.name(), station.district(), station.subdistrict(),
                            Math.round(hit.distance()));
                });
    }
}
