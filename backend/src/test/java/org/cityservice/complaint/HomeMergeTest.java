package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.GeoPoint;
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
    void listsOfSeveralHomesMergeNewestFirstWithTotalsAndCountsSummed() {
        ComplaintStore.Listing east = new ComplaintStore.Listing(
                5,
                Map.of(ComplaintStatus.RECEIVED, 4L, ComplaintStatus.CLOSED, 1L),
                false,
                List.of(kase("JZ0802-1", 50, null), kase("JZ0802-2", 30, null), kase("JZ0802-3", 10, null)));
        ComplaintStore.Listing west = new ComplaintStore.Listing(
                2,
                Map.of(ComplaintStatus.RECEIVED, 2L),
                true,
                List.of(kase("JZ0803-1", 40, null), kase("JZ0803-2", 20, null)));

        ComplaintStore.Listing page = ComplaintStore.merged(List.of(east, west), false, 1, 3);

        assertThat(page.items()).extracting(Complaint::trackingNo).containsExactly("JZ0803-1", "JZ0802-2", "JZ0803-2");
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.counts()).containsEntry(ComplaintStatus.RECEIVED, 6L).containsEntry(ComplaintStatus.CLOSED, 1L);
        assertThat(page.partial()).isTrue();
    }

    @Test
    void byDeadlineTheSoonestDueComeFirstAndTheCasesWithoutAClockLastNewestFirst() {
        ComplaintStore.Listing east = new ComplaintStore.Listing(
                3,
                Map.of(),
                false,
                List.of(kase("JZ0802-1", 50, 300), kase("JZ0802-2", 40, 100), kase("JZ0802-3", 60, null)));
        ComplaintStore.Listing west = new ComplaintStore.Listing(
                3,
                Map.of(),
                false,
                List.of(kase("JZ0803-1", 10, 100), kase("JZ0803-2", 20, 200), kase("JZ0803-3", 70, null)));

        assertThat(ComplaintStore.merged(List.of(east, west), true, 0, 10).items())
                .extracting(Complaint::trackingNo)
                // equal due times: the newer first
                .containsExactly("JZ0802-2", "JZ0803-1", "JZ0803-2", "JZ0802-1", "JZ0803-3", "JZ0802-3");
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

    /** A case created {@code minutes} after T, due {@code dueMinutes} after T (null: no clock runs). */
    private static Complaint kase(String trackingNo, int minutes, @Nullable Integer dueMinutes) {
        Instant created = T.plus(Duration.ofMinutes(minutes));
        return new Complaint(
                trackingNo,
                "r-000",
                "street-vending",
                "占道",
                new GeoPoint(35.24, 113.17),
                null,
                null,
                false,
                List.of(),
                ComplaintStatus.RECEIVED,
                Complaint.Routing.none(),
                false,
                0,
                dueMinutes == null
                        ? null
                        : new Deadline(
                                "register", created, T.plus(Duration.ofMinutes(dueMinutes)), Deadline.Alert.NONE),
                created,
                created,
                1);
    }
}
