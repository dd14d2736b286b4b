package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import org.cityservice.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParsingTest {

    @Test
    void aTimeRangeReadsAndWritesTheSameText() {
        assertThat(TimeRange.parse("08:30-12:00").toString()).isEqualTo("08:30-12:00");
        assertThat(TimeRange.parse(" 18:00 - 24:00 ").toString()).isEqualTo("18:00-24:00");
    }

    @Test
    void anEndBeforeTheStartRunsIntoTheNextDay() {
        assertThat(TimeRange.parse("18:00-02:00").endsNextDay()).isTrue();
        assertThat(TimeRange.parse("18:00-24:00").end()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(TimeRange.parse("08:00-09:00").endsNextDay()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8:30-12:00", "08:30", "25:00-26:00", "08:60-09:00", "08:00-08:00", "abc"})
    void badTimeRangesAreRefusedInChinese(String text) {
        assertThatThrownBy(() -> TimeRange.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageMatching(".*[\\u4e00-\\u9fa5].*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"06-01", "06-01..", "13-01..09-30", "06-31..09-30", "summer"})
    void badSeasonsAreRefused(String text) {
        assertThatThrownBy(() -> Season.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aSeasonReadsAndWritesTheSameText() {
        assertThat(Season.parse("06-01..09-30").toString()).isEqualTo("06-01..09-30");
    }

    @Test
    void aClosureMayNotEndBeforeItStarts() {
        assertThatThrownBy(() -> new HolidayClosure(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 1), "国庆"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void ifMatchTakesQuotedWeakAndBareVersions() {
        assertThat(IfMatch.version("\"3\"")).isEqualTo(3);
        assertThat(IfMatch.version("W/\"4\"")).isEqualTo(4);
        assertThat(IfMatch.version("5")).isEqualTo(5);
        assertThatThrownBy(() -> IfMatch.version("*")).hasMessageContaining("If-Match");
        assertThatThrownBy(() -> IfMatch.version(null)).hasMessageContaining("If-Match");
    }
}
