package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/**
 * A school-safety post as answered; nearby lists leave out the {@link Views.Detail} components.
 * {@code availability.openNow} reads "on duty now": inside a duty window on a school day.
 */
public record SchoolPostView(
        String id,
        String name,
        String schoolName,
        String address,
        String district,
        String subdistrict,
        GeoPoint location,
        String phone,
        List<TimeRange> dutyWindows,
        String dutyUnit,
        boolean demo,
        @JsonView(Views.Detail.class) long version,
        AvailabilityView availability) {

    static SchoolPostView from(Versioned<SchoolSafetyPost> stored, AvailabilityView availability) {
        SchoolSafetyPost p = stored.listing();
        return new SchoolPostView(
                p.id(),
                p.name(),
                p.schoolName(),
                p.address(),
                p.district(),
                p.subdistrict(),
                p.location(),
                p.phone(),
                p.dutyWindows(),
                p.dutyUnit(),
                p.demo(),
                stored.version(),
                availability);
    }
}
