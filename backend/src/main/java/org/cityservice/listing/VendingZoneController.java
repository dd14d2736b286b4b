package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/vending-zones")
@Tag(
        name = "疏导点",
        description = "Vending guidance zones: fruit zones, convenience sales points, breakfast carts, night markets")
class VendingZoneController {

    private final ListingReader<VendingZone, VendingZoneView> zones;

    VendingZoneController(ListingReader<VendingZone, VendingZoneView> zones) {
        this.zones = zones;
    }

    @GetMapping("/nearby")
    @JsonView(Views.Summary.class)
    @Operation(summary = "Vending zones nearest a GCJ-02 point, nearest first")
    Mono<NearbyResponse<VendingZoneView>> nearby(
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng,
            @Parameter(description = "metres, 1..20000, default 3000") @RequestParam(required = false) Integer radius,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @Parameter(description = "true: only zones open now (in season and within hours)")
                    @RequestParam(required = false)
                    Boolean openNow,
            @RequestParam(required = false) VendingKind kind,
            @Parameter(description = "a good the zone allows, e.g. 西瓜") @RequestParam(required = false) String goods,
            @Parameter(description = "district name, e.g. 中站区") @RequestParam(required = false) String district) {
        NearbyQuery query = NearbyQuery.of(lat, lng, radius, limit, district);
        @Nullable BiPredicate<VendingZone, Availability> filter = null;
        if (Boolean.TRUE.equals(openNow)) {
            filter = (zone, availability) -> availability.open();
        }
        if (kind != null) {
            filter = and(filter, (zone, availability) -> zone.kind() == kind);
        }
        if (goods != null && !goods.isBlank()) {
            String good = goods.trim();
            filter = and(filter, (zone, availability) -> zone.allows(good));
        }
        return zones.nearby(query, filter);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One vending zone, with whether it is open now")
    Mono<VendingZoneView> get(@PathVariable String id) {
        return zones.get(id);
    }

    private static BiPredicate<VendingZone, Availability> and(
            @Nullable BiPredicate<VendingZone, Availability> a, BiPredicate<VendingZone, Availability> b) {
        return a == null ? b : a.and(b);
    }
}
