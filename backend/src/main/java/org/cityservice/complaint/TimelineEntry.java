package org.cityservice.complaint;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a case: when, to which status, by which action, by whom and with what note. Staff are
 * recorded by username; residents see only their role and station.
 *
 * @param action null for the submission itself
 * @param photos the photos taken at this step: the "after" photos of a handling step
 */
public record TimelineEntry(
        Instant at,
        ComplaintStatus status,
        @Nullable ComplaintAction action,
        String actorRole,
        @Nullable String actor,
        @Nullable String stationId,
        @Nullable String note,
        List<String> photos) {

    public TimelineEntry {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    TimelineEntry(
            Instant at,
            ComplaintStatus status,
            @Nullable ComplaintAction action,
            String actorRole,
            @Nullable String actor,
            @Nullable String stationId,
            @Nullable String note) {
        this(at, status, action, actorRole, actor, stationId, note, List.of());
    }
}
