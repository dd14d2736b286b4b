package org.cityservice.complaint;

import java.time.Instant;

/**
 * One step of a case: when, to which status, by which action, by whom and with what note. Staff are
 * recorded by username; residents see only their role and station.
 *
 * @param action null for the submission itself
 */
public record TimelineEntry(Instant at, ComplaintStatus status, ComplaintAction action, String actorRole, String actor,
                            String stationId, String note) {
}
