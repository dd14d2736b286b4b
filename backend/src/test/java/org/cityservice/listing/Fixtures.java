package org.cityservice.listing;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.LocationRequest;

/** Small builders for listing requests, so each test says only what matters to it. */
final class Fixtures {

    static final double CENTRE_LAT = 35.2372;
    static final double CENTRE_LNG = 113.1790;

    private Fixtures() {}

    static StationRequest aStation(String name, double lat, double lng) {
        return aStation(name, lat, lng, "中站区", weekdays("08:30-12:00", "14:00-17:30"));
    }

    static StationRequest aStation(String name, double lat, double lng, String district, WeeklyHours hours) {
        return new StationRequest(
                name,
                "焦作市" + district + "人民路1号",
                district,
                "许衡街道",
                new LocationRequest(lat, lng),
                "0391-3568123",
                hours,
                List.of(),
                List.of("投诉受理"));
    }

    static VendingZoneRequest aZone(String name, VendingKind kind, double lat, double lng, List<String> goods) {
        return new VendingZoneRequest(
                name,
                kind,
                "焦作市中站区许衡街",
                "中站区",
                "许衡街道",
                new LocationRequest(lat, lng),
                "12319",
                WeeklyHours.everyDay(List.of(TimeRange.parse("06:00-22:00"))),
                null,
                goods,
                10);
    }

    static SchoolPostRequest aPost(String school, double lat, double lng) {
        return new SchoolPostRequest(
                school + "护学岗",
                school,
                "焦作市中站区站前路2号",
                "中站区",
                "许衡街道",
                new LocationRequest(lat, lng),
                "12319",
                List.of(TimeRange.parse("07:10-08:00"), TimeRange.parse("16:30-17:30")),
                "中站区城市管理局执法一中队");
    }

    static WeeklyHours weekdays(String... ranges) {
        List<TimeRange> parsed =
                java.util.Arrays.stream(ranges).map(TimeRange::parse).toList();
        return new WeeklyHours(Map.of(
                DayOfWeek.MONDAY,
                parsed,
                DayOfWeek.TUESDAY,
                parsed,
                DayOfWeek.WEDNESDAY,
                parsed,
                DayOfWeek.THURSDAY,
                parsed,
                DayOfWeek.FRIDAY,
                parsed));
    }

    static WeeklyHours saturdaysOnly() {
        return new WeeklyHours(Map.of(DayOfWeek.SATURDAY, List.of(TimeRange.parse("09:00-12:00"))));
    }

    /** A point {@code north} and {@code east} metres from the centre. */
    static double[] offset(double north, double east) {
        double lat = CENTRE_LAT + north / 111_320.0;
        double lng = CENTRE_LNG + east / (111_320.0 * Math.cos(Math.toRadians(CENTRE_LAT)));
        return new double[] {lat, lng};
    }
}
