package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cityservice.shared.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaseEventCursorTest {

    @Test
    void withOneSharedStreamTheCursorIsTheStreamIdAlone() {
        CaseEventCursor cursor = CaseEventCursor.parse("1764000000000-3", List.of(""));

        assertThat(cursor.after("")).isEqualTo("1764000000000-3");
        assertThat(cursor.with("", "1764000000500-0").id(List.of(""))).isEqualTo("1764000000500-0");
    }

    @Test
    void withSeveralStreamsItNamesEachAndAStreamItDoesNotNameStartsAtItsEarliestTime() {
        List<String> streams = List.of("0802", "0803", "0000");
        CaseEventCursor cursor = CaseEventCursor.parse("0802=1764000000900-0,0803=1764000000500-2", streams);

        assertThat(cursor.after("0802")).isEqualTo("1764000000900-0");
        assertThat(cursor.after("0803")).isEqualTo("1764000000500-2");
        assertThat(cursor.after("0000")).isEqualTo("1764000000499-0");
        assertThat(cursor.with("0000", "1764000001000-0").id(streams))
                .isEqualTo("0802=1764000000900-0,0803=1764000000500-2,0000=1764000001000-0");
    }

    @Test
    void aCursorOfTheSharedStreamResumesEveryDistrictsStreamFromItsTime() {
        CaseEventCursor cursor = CaseEventCursor.parse("1764000000000-3", List.of("", "0802"));

        assertThat(cursor.after("")).isEqualTo("1764000000000-3");
        assertThat(cursor.after("0802")).isEqualTo("1763999999999-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1764000000000", "0802=x", "08=1-0", "0802=1-0,0802=2-0", "1-0,", "=1-0,1-0"})
    void anythingElseIsRefusedNamingTheHeader(String text) {
        assertThatThrownBy(() -> CaseEventCursor.parse(text, List.of("")))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.violations())
                                .extracting(violation -> violation.field())
                                .containsExactly("Last-Event-ID"));
    }
}
