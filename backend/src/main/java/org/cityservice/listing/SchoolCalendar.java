package org.cityservice.listing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which days are school days, for school-safety posts: Monday to Friday, except during breaks and
 * public holidays, plus the weekend days schools make up for a holiday (调休). The education
 * bureau publishes these dates each term; they are configuration, not code.
 *
 * @param breaks          vacations and public holidays (both days included)
 * @param makeUpSchoolDays weekend days that are school days
 */
@ConfigurationProperties("app.school-calendar")
public record SchoolCalendar(
        @DefaultValue List<Break> breaks, @DefaultValue Set<LocalDate> makeUpSchoolDays) {

    public record Break(LocalDate from, LocalDate to, String name) {

        boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    public boolean isSchoolDay(LocalDate date) {
        if (makeUpSchoolDays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return false;
        }
        return breaks.stream().noneMatch(b -> b.contains(date));
    }
}
