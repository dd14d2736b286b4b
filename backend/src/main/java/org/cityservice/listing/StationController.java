package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/stations")
@Tag(name = "社区城管服务站", description = "Community service stations, for residents (no login)")
class StationController {

    private final ListingReader<CommunityStation, StationView> stations;

    StationController(ListingReader<CommunityStation, StationView> stations) {
        this.stations = stations;
    }

    @GetMapping("/nearby")
    @JsonView(Views.Summary.class)
    @Operation(summary = "Stations nearest a GCJ-02 point, nearest first (summaries; details by id)")
    Mono<NearbyResponse<StationView>> nearby(
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng,
            @Parameter(description = "metres, 1..20000, default 3000") @RequestParam(required = false) Integer radius,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @Parameter(description = "true: only stations open now") @RequestParam(required = false) Boolean openNow,
            @Parameter(description = "district name, e.g. 中站区") @RequestParam(required = false) String district) {
        NearbyQuery query = NearbyQuery.of(lat, lng, radius, limit, district);
        return stations.nearby(
                query, Boolean.TRUE.equals(openNow) ? (station, availability) -> availability.open() : null);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One station, with whether it is open now")
    Mono<StationView> get(@PathVariable String id) {
        return stations.get(id);
    }
}
