package org.cityservice.listing;

import java.time.LocalDate;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/** 社区城管服务站: a staffed place in a neighbourhood where residents ask, complain and get help. */
public record CommunityStation(
        String id,
        String name,
        String address,
        String district,
        String subdistrict,
        GeoPoint location,
        String phone,
        WeeklyHours hours,
        List<HolidayClosure> closures,
        List<String> services,
        boolean demo)
        implements Listing {

    public CommunityStation {
        closures = closures == null ? List.of() : List.copyOf(closures);
        services = services == null ? List.of() : List.copyOf(services);
    }

    @Override
    public OpeningSchedule schedule(SchoolCalendar calendar) {
        return new OpeningSchedule() {
            @Override
            public boolean opensOn(LocalDate date) {
                return closures.stream().noneMatch(c -> c.contains(date));
            }

            @Override
            public List<TimeRange> rangesOn(LocalDate date) {
                return hours.on(date.getDayOfWeek());
            }
        };
    }
}
