package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;

/** Reads over several districts' homes merge into one answer, in the order one home's script would give. */
class HomeMergeTest {

    @Test
    void anAuditPageEndsAfterEveryEntryThatSharesItsLastId() {
        // two homes wrote in the same millisecond: 1000-0 in both
        List<MapRecord<String, String, String>> newest = List.of(
                entry("1001-0", "east"), entry("1000-0", "east"), entry("1000-0", "west"), entry("999-0", "west"));

        assertThat(ComplaintStore.samePageTies(newest, 2))
                .extracting(record -> record.getValue().get("home"))
                .containsExactly("east", "east", "west");
        assertThat(ComplaintStore.samePageTies(newest, 1)).hasSize(1);
        assertThat(ComplaintStore.samePageTies(newest, 3)).hasSize(3);
        assertThat(ComplaintStore.samePageTies(newest, 10)).hasSize(4);
    }

    private static MapRecord<String, String, String> entry(String id, String home) {
        return StreamRecords.newRecord().in("audit").withId(RecordId.of(id)).ofMap(Map.of("home", home));
    }

    private static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    private static final ComplaintKeys.Home EAST = new ComplaintKeys.Home(new RedisKeys("cs"), "complaint:0802");
    private static final ComplaintKeys.Home WEST = new ComplaintKeys.Home(new RedisKeys("cs"), "complaint:0803");

    @Test
    void listsOfSeveralHomesMergeNewestFirstEachCaseKeepingItsHome() {
        ComplaintStore.Ranked east =
                ranked(rank("JZ0802-1", 50, null), rank("JZ0802-2", 30, null), rank("JZ0802-3", 10, null));
        ComplaintStore.Ranked west = ranked(rank("JZ0803-1", 40, null), rank("JZ0803-2", 20, null));

        List<ComplaintStore.Entry> page =
                ComplaintStore.pageOf(List.of(Map.entry(EAST, east), Map.entry(WEST, west)), false, 1, 3);

        assertThat(page)
                .extracting(ComplaintStore.Entry::trackingNo)
                .containsExactly("JZ0803-1", "JZ0802-2", "JZ0803-2");
        assertThat(page).extracting(ComplaintStore.Entry::home).containsExactly(WEST, EAST, WEST);
    }

    @Test
    void casesCreatedInTheSameMillisecondComeHigherNumberFirstAsInOneHome() {
        ComplaintStore.Ranked east = ranked(rank("JZ0802-1", 10, null));
        ComplaintStore.Ranked west = ranked(rank("JZ0803-1", 10, null));

        assertThat(ComplaintStore.pageOf(List.of(Map.entry(EAST, east), Map.entry(WEST, west)), false, 0, 2))
                .extracting(ComplaintStore.Entry::trackingNo)
                .containsExactly("JZ0803-1", "JZ0802-1");
    }

    @Test
    void byDeadlineTheSoonestDueComeFirstAndTheCasesWithoutAClockLastNewestFirst() {
        ComplaintStore.Ranked east =
                ranked(rank("JZ0802-1", 50, 300), rank("JZ0802-2", 40, 100), rank("JZ0802-3", 60, null));
        ComplaintStore.Ranked west =
                ranked(rank("JZ0803-1", 10, 100), rank("JZ0803-2", 20, 200), rank("JZ0803-3", 70, null));

        assertThat(ComplaintStore.pageOf(List.of(Map.entry(EAST, east), Map.entry(WEST, west)), true, 0, 10))
                .extracting(ComplaintStore.Entry::trackingNo)
                // equal due times: the newer first
                .containsExactly("JZ0802-2", "JZ0803-1", "JZ0803-2", "JZ0802-1", "JZ0803-3", "JZ0802-3");
    }

    @Test
    void byDeadlineTiesOfDueAndCreatedAtComeHigherNumberFirstClockedOrNot() {
        ComplaintStore.Ranked east = ranked(rank("JZ0802-1", 10, 100), rank("JZ0802-2", 10, null));
        ComplaintStore.Ranked west = ranked(rank("JZ0803-1", 10, 100), rank("JZ0803-2", 10, null));

        assertThat(ComplaintStore.pageOf(List.of(Map.entry(EAST, east), Map.entry(WEST, west)), true, 0, 10))
                .extracting(ComplaintStore.Entry::trackingNo)
                .containsExactly("JZ0803-1", "JZ0802-1", "JZ0803-2", "JZ0802-2");
    }

    @Test
    void aResidentsIndexesMergeByScoreAcrossHomes() {
        List<ComplaintStore.Entry> entries = List.of(
                new ComplaintStore.Entry(EAST, "JZ0802-1", 300),
                new ComplaintStore.Entry(EAST, "JZ0802-2", 100),
                new ComplaintStore.Entry(WEST, "JZ0803-1", 200),
                new ComplaintStore.Entry(WEST, "JZ0803-2", 100));

        assertThat(ComplaintStore.newestFirst(entries, 1, 2))
                .extracting(ComplaintStore.Entry::trackingNo)
                .containsExactly("JZ0803-1", "JZ0803-2");
        assertThat(ComplaintStore.newestFirst(entries, 0, 10))
                .extracting(ComplaintStore.Entry::home)
                .containsExactly(EAST, WEST, WEST, EAST);
    }

    private static ComplaintStore.Ranked ranked(ComplaintStore.Rank... ranks) {
        return new ComplaintStore.Ranked(ranks.length, Map.of(), false, List.of(ranks));
    }

    /** A case created {@code minutes} after T, due {@code dueMinutes} after T (null: no clock runs). */
    private static ComplaintStore.Rank rank(String trackingNo, int minutes, @Nullable Integer dueMinutes) {
        return new ComplaintStore.Rank(
                trackingNo,
                T.plus(Duration.ofMinutes(minutes)).toEpochMilli(),
                dueMinutes == null
                        ? null
                        : T.plus(Duration.ofMinutes(dueMinutes)).toEpochMilli());
    }
}
