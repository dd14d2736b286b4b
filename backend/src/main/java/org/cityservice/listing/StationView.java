package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/** A station as answered; nearby lists leave out the {@link Views.Detail} components. */
public record StationView(
        String id,
        String name,
        String address,
        String district,
        String subdistrict,
        GeoPoint location,
        String phone,
        @JsonView(Views.Detail.class) WeeklyHours hours,
        @JsonView(Views.Detail.class) List<HolidayClosure> closures,
        List<String> services,
        boolean demo,
        @JsonView(Views.Detail.class) long version,
        AvailabilityView availability) {

    static StationView from(Versioned<CommunityStation> stored, AvailabilityView availability) {
        CommunityStation s = stored.listing();
        return new StationView(
                s.id(),
                s.name(),
                s.address(),
                s.district(),
                s.subdistrict(),
                s.location(),
                s.phone(),
                s.hours(),
                s.closures(),
                s.services(),
                s.demo(),
                stored.version(),
                availability);
    }
}
