package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.TimeConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    // 2026-11-20 is a Friday, 2026-11-23 a Monday
    private static final SchoolCalendar CALENDAR = new SchoolCalendar(
            List.of(new SchoolCalendar.Break(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 8), "国庆节")),
            Set.of(LocalDate.of(2026, 10, 10)));

    @Nested
    class Stations {

        private final CommunityStation station = aStation(
                Map.of(
                        DayOfWeek.MONDAY, List.of(TimeRange.parse("14:00-17:30"), TimeRange.parse("08:30-12:00")),
                        DayOfWeek.FRIDAY, List.of(TimeRange.parse("08:30-12:00"), TimeRange.parse("14:00-17:30"))),
                List.of(new HolidayClosure(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), "盘点")));

        @Test
        void opensAtTheFirstMinuteAndClosesAtTheLast() {
            assertThat(at(station, "2026-11-20T08:29:59").open()).isFalse();
            assertThat(at(station, "2026-11-20T08:30").open()).isTrue();
            assertThat(at(station, "2026-11-20T11:59:59").open()).isTrue();
            assertThat(at(station, "2026-11-20T12:00").open()).isFalse();
        }

        @Test
        void openNowSaysWhenItCloses() {
            Availability availability = at(station, "2026-11-20T09:00");
            assertThat(availability.closesAt()).isEqualTo(shanghai("2026-11-20T12:00"));
            assertThat(availability.nextOpensAt()).isNull();
        }

        @Test
        void lunchBreakPointsToTheAfternoonRange() {
            assertThat(at(station, "2026-11-20T12:30").nextOpensAt()).isEqualTo(shanghai("2026-11-20T14:00"));
        }

        @Test
        void afterFridayClosingTheNextOpeningIsMonday() {
            Availability availability = at(station, "2026-11-20T17:30");
            assertThat(availability.open()).isFalse();
            assertThat(availability.nextOpensAt()).isEqualTo(shanghai("2026-11-23T08:30"));
        }

        @Test
        void aHolidayClosureSkipsTheDay() {
            // Monday 2026-11-30 is closed for stock-taking; Friday 2026-12-04 is the next opening
            assertThat(at(station, "2026-11-30T09:00").open()).isFalse();
            assertThat(at(station, "2026-11-27T18:00").nextOpensAt()).isEqualTo(shanghai("2026-12-04T08:30"));
        }

        @Test
        void adjacentRangesCloseAtTheEndOfTheLast() {
            CommunityStation allDay = aStation(
                    Map.of(DayOfWeek.FRIDAY, List.of(TimeRange.parse("08:00-12:00"), TimeRange.parse("12:00-18:00"))),
                    List.of());
            assertThat(at(allDay, "2026-11-20T10:00").closesAt()).isEqualTo(shanghai("2026-11-20T18:00"));
        }

        @Test
        void noHoursAtAllMeansNoNextOpening() {
            Availability availability = at(aStation(Map.of(), List.of()), "2026-11-20T10:00");
            assertThat(availability.open()).isFalse();
            assertThat(availability.nextOpensAt()).isNull();
        }
    }

    @Nested
    class AroundMidnight {

        private final VendingZone nightMarket = aZone(
                Map.of(
                        DayOfWeek.FRIDAY, List.of(TimeRange.parse("18:00-01:00")),
                        DayOfWeek.SATURDAY, List.of(TimeRange.parse("18:00-24:00"))),
                null);

        @Test
        void aRangePastMidnightIsOpenAfterMidnight() {
            Availability availability = at(nightMarket, "2026-11-21T00:30");
            assertThat(availability.open()).isTrue();
            assertThat(availability.closesAt()).isEqualTo(shanghai("2026-11-21T01:00"));
        }

        @Test
        void andClosedAtItsEnd() {
            Availability availability = at(nightMarket, "2026-11-21T01:00");
            assertThat(availability.open()).isFalse();
            assertThat(availability.nextOpensAt()).isEqualTo(shanghai("2026-11-21T18:00"));
        }

        @Test
        void endingAt2400ClosesAtMidnight() {
            assertThat(at(nightMarket, "2026-11-21T23:59:59").open()).isTrue();
            assertThat(at(nightMarket, "2026-11-21T23:59").closesAt()).isEqualTo(shanghai("2026-11-22T00:00"));
            assertThat(at(nightMarket, "2026-11-22T00:00").open()).isFalse();
        }

        @Test
        void theRangeBelongsToTheDayItStarts() {
            // Thursday has no range, so Friday 00:30 is closed although Friday has a range
            assertThat(at(nightMarket, "2026-11-20T00:30").open()).isFalse();
        }
    }

    @Nested
    class Seasons {

        private final VendingZone melons = aZone(allWeek("06:00-22:00"), Season.parse("06-01..09-30"));

        @Test
        void theSeasonIncludesItsFirstAndLastDay() {
            assertThat(at(melons, "2026-05-31T10:00").open()).isFalse();
            assertThat(at(melons, "2026-06-01T06:00").open()).isTrue();
            assertThat(at(melons, "2026-09-30T21:59").open()).isTrue();
            assertThat(at(melons, "2026-10-01T10:00").open()).isFalse();
        }

        @Test
        void outOfSeasonTheNextOpeningIsNextSeason() {
            assertThat(at(melons, "2026-10-01T10:00").nextOpensAt()).isEqualTo(shanghai("2027-06-01T06:00"));
        }

        @Test
        void aSeasonMayWrapTheNewYear() {
            VendingZone winter = aZone(allWeek("09:00-17:00"), Season.parse("11-15..02-28"));
            assertThat(at(winter, "2026-12-31T10:00").open()).isTrue();
            assertThat(at(winter, "2027-01-15T10:00").open()).isTrue();
            assertThat(at(winter, "2027-03-01T10:00").open()).isFalse();
            assertThat(at(winter, "2026-11-14T10:00").nextOpensAt()).isEqualTo(shanghai("2026-11-15T09:00"));
        }
    }

    @Nested
    class SchoolPosts {

        private final SchoolSafetyPost post = new SchoolSafetyPost(
                "sp-1",
                "实验小学护学岗",
                "实验小学",
                "人民路1号",
                "解放区",
                "焦南街道",
                new GeoPoint(35.24, 113.23),
                "12319",
                List.of(TimeRange.parse("16:30-17:30"), TimeRange.parse("07:10-08:00")),
                "执法一中队",
                false);

        @Test
        void activeOnlyInsideADutyWindow() {
            assertThat(at(post, "2026-11-20T07:09").open()).isFalse();
            assertThat(at(post, "2026-11-20T07:10").open()).isTrue();
            assertThat(at(post, "2026-11-20T08:00").open()).isFalse();
            assertThat(at(post, "2026-11-20T08:00").nextOpensAt()).isEqualTo(shanghai("2026-11-20T16:30"));
        }

        @Test
        void notOnWeekendsNorDuringBreaks() {
            assertThat(at(post, "2026-11-21T07:30").open()).isFalse();
            assertThat(at(post, "2026-10-05T07:30").open()).isFalse();
            assertThat(at(post, "2026-11-20T17:30").nextOpensAt()).isEqualTo(shanghai("2026-11-23T07:10"));
        }

        @Test
        void onAMakeUpSaturday() {
            assertThat(at(post, "2026-10-10T07:30").open()).isTrue();
        }

        @Test
        void afterABreakTheNextDutyIsTheFirstSchoolDay() {
            assertThat(at(post, "2026-09-30T18:00").nextOpensAt()).isEqualTo(shanghai("2026-10-09T07:10"));
        }
    }

    private static Availability at(Listing listing, String shanghaiTime) {
        return Availability.at(listing.schedule(CALENDAR), shanghai(shanghaiTime));
    }

    private static ZonedDateTime shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TimeConfiguration.SHANGHAI);
    }

    private static Map<DayOfWeek, List<TimeRange>> allWeek(String range) {
        return WeeklyHours.everyDay(List.of(TimeRange.parse(range))).days();
    }

    private static CommunityStation aStation(Map<DayOfWeek, List<TimeRange>> hours, List<HolidayClosure> closures) {
        return new CommunityStation(
                "st-1",
                "焦南街道社区城管服务站",
                "人民路1号",
                "解放区",
                "焦南街道",
                new GeoPoint(35.24, 113.23),
                "12319",
                new WeeklyHours(hours),
                closures,
                List.of("投诉受理"),
                false);
    }

    private static VendingZone aZone(Map<DayOfWeek, List<TimeRange>> hours, Season season) {
        return new VendingZone(
                "vz-1",
                "许衡广场夜市",
                VendingKind.NIGHT_MARKET,
                "许衡街",
                "中站区",
                "许衡街道",
                new GeoPoint(35.2391, 113.1857),
                "12319",
                new WeeklyHours(hours),
                season,
                List.of("小吃"),
                60,
                false);
    }
}
