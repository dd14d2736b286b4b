package org.cityservice.listing;

import java.time.LocalDate;
import java.util.List;
import org.cityservice.shared.GeoPoint;

/** 护学岗: officers at a school gate during fixed windows on school days (arrival, release). */
public record SchoolSafetyPost(
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
        boolean demo)
        implements Listing {

    public SchoolSafetyPost {
        dutyWindows =
                dutyWindows == null ? List.of() : dutyWindows.stream().sorted().toList();
    }

    @Override
    public OpeningSchedule schedule(SchoolCalendar calendar) {
        return new OpeningSchedule() {
            @Override
            public boolean opensOn(LocalDate date) {
                return calendar.isSchoolDay(date);
            }

            @Override
            public List<TimeRange> rangesOn(LocalDate date) {
                return dutyWindows;
            }
        };
    }
}
