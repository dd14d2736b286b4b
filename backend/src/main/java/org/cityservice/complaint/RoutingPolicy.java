package org.cityservice.complaint;

import org.cityservice.listing.StationFinder;
import org.cityservice.shared.GeoPoint;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where a new case goes: to the community station nearest the reported place, within
 * {@code app.complaints.routing-radius}, and to that station's district and subdistrict. With no
 * station that near the case stays unrouted, for a dispatcher to route by hand.
 */
@Component
class RoutingPolicy {

    private final StationFinder stations;
    private final ComplaintProperties properties;

    RoutingPolicy(StationFinder stations, ComplaintProperties properties) {
        this.stations = stations;
        this.properties = properties;
    }

    Mono<Complaint.Routing> route(GeoPoint place) {
        return stations.nearest(place.lat(), place.lng(), properties.routingRadius())
                .map(station -> new Complaint.Routing(
                        station.id(), station.name(), station.district(), station.subdistrict(), station.distance()))
                .defaultIfEmpty(Complaint.Routing.none());
    }

    /**
     * A case reported by address only (a hotline caller's words): to the station of the subdistrict the address
     * names, else to the district it names with no station (the district's dispatcher routes it), else nowhere.
     */
    Mono<Complaint.Routing> routeByAddress(@Nullable String address) {
        if (address == null || address.isBlank()) {
            return Mono.just(Complaint.Routing.none());
        }
        return stations.named(address)
                .map(station -> new Complaint.Routing(
                        station.id(), station.name(), station.district(), station.subdistrict(), null))
                .defaultIfEmpty(Complaint.Routing.none());
    }
}
