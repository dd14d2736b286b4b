package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/**
 * A vending zone as answered; nearby lists leave out the {@link Views.Detail} components.
 * {@code kindLabel} is the Chinese name of {@code kind}, e.g. 瓜果疏导区.
 */
public record VendingZoneView(
        String id,
        String name,
        VendingKind kind,
        String kindLabel,
        String address,
        String district,
        String subdistrict,
        GeoPoint location,
        String phone,
        @JsonView(Views.Detail.class) WeeklyHours hours,
        Season season,
        List<String> goods,
        int stalls,
        boolean demo,
        @JsonView(Views.Detail.class) long version,
        AvailabilityView availability) {

    static VendingZoneView from(Versioned<VendingZone> stored, AvailabilityView availability) {
        VendingZone z = stored.listing();
        return new VendingZoneView(
                z.id(),
                z.name(),
                z.kind(),
                z.kind().label(),
                z.address(),
                z.district(),
                z.subdistrict(),
                z.location(),
                z.phone(),
                z.hours(),
                z.season(),
                z.goods(),
                z.stalls(),
                z.demo(),
                stored.version(),
                availability);
    }
}
