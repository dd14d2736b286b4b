package org.cityservice.listing;

import java.time.LocalDate;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/** A vending guidance zone: where, when (hours and an optional season), what may be sold, how many stalls. */
public record VendingZone(
        String id,
        String name,
        VendingKind kind,
        String address,
        String district,
        String subdistrict,
        GeoPoint location,
        String phone,
        WeeklyHours hours,
        Season season,
        List<String> goods,
        int stalls,
        boolean demo)
        implements Listing {

    public VendingZone {
        goods = goods == null ? List.of() : List.copyOf(goods);
    }

    /** Goods match by substring, so "西瓜" finds a zone that allows "西瓜、甜瓜". */
    public boolean allows(String good) {
        return goods.stream().anyMatch(g -> g.contains(good));
    }

    @Override
    public OpeningSchedule schedule(SchoolCalendar calendar) {
        return new OpeningSchedule() {
            @Override
            public boolean opensOn(LocalDate date) {
                return season == null || season.contains(date);
            }

            @Override
            public List<TimeRange> rangesOn(LocalDate date) {
                return hours.on(date.getDayOfWeek());
            }
        };
    }
}
