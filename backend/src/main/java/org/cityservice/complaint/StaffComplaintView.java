package org.cityservice.complaint;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityservice.identity.PhoneNumbers;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A case as staff see it: routing, flags, version, the timeline with who did what; the contact phone
 * masked (the full number is one audited call away: {@code GET …/contact-phone}). A single case also
 * says what the caller may do to it now ({@code actions}); list items leave that and the timeline null.
 */
record StaffComplaintView(
        String trackingNo,
        String category,
        String categoryName,
        ComplaintStatus status,
        String statusLabel,
        String description,
        @Nullable GeoPoint location,
        @Nullable String address,
        List<String> photos,
        @Nullable String contactPhone,
        Complaint.Routing routing,
        boolean flagged,
        int rework,
        @Nullable String stage,
        @Nullable OffsetDateTime stageStartedAt,
        @Nullable OffsetDateTime deadline,
        Deadline.@Nullable Alert alert,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,
        long followers,
        @Nullable List<Step> timeline,
        @Nullable List<TransitionPermissions.AllowedAction> actions,
        @Nullable Source source) {

    /**
     * Where a case came from when not the mini-program: {@code channel} open311 or 12345; for a hotline 工单 the
     * platform, its order id, the caller's name, the platform's time limit (no stage of ours is due after it) and when
     * the platform took the call.
     */
    record Source(
            String channel,
            @Nullable String platform,
            @Nullable String orderId,
            @Nullable String reporterName,
            @Nullable OffsetDateTime platformTimeLimit,
            @Nullable OffsetDateTime platformReceivedAt) {

        static @Nullable Source of(Complaint c) {
            if (c.channel() == null) {
                return null;
            }
            Complaint.External external = c.external();
            return external == null
                    ? new Source(c.channel(), null, null, null, null, null)
                    : new Source(
                            c.channel(),
                            external.platform(),
                            external.orderId(),
                            external.reporterName(),
                            external.timeLimit() == null ? null : time(external.timeLimit()),
                            external.receivedAt() == null ? null : time(external.receivedAt()));
        }
    }

    record Step(
            OffsetDateTime at,
            ComplaintStatus status,
            String statusLabel,
            @Nullable ComplaintAction action,
            String actorRole,
            @Nullable String actor,
            @Nullable String stationId,
            @Nullable String note,
            List<String> photos) {

        static Step of(TimelineEntry entry) {
            return new Step(
                    time(entry.at()),
                    entry.status(),
                    entry.status().label(),
                    entry.action(),
                    entry.actorRole(),
                    entry.actor(),
                    entry.stationId(),
                    entry.note(),
                    entry.photos().stream().map(PhotoController::url).toList());
        }
    }

    /** @param followers how many residents follow the case (附议) */
    static StaffComplaintView of(
            Complaint c, ComplaintProperties properties, long followers, @Nullable List<TimelineEntry> timeline) {
        ComplaintProperties.Category category = properties.category(c.category());
        return new StaffComplaintView(
                c.trackingNo(),
                c.category(),
                category == null ? c.category() : category.name(),
                c.status(),
                c.status().label(),
                c.description(),
                c.location(),
                c.address(),
                c.photos().stream().map(PhotoController::url).toList(),
                PhoneNumbers.mask(c.contactPhone()),
                c.routing(),
                c.flagged(),
                c.rework(),
                c.deadline() == null ? null : c.deadline().stage(),
                c.deadline() == null ? null : time(c.deadline().startedAt()),
                c.deadline() == null ? null : time(c.deadline().dueAt()),
                c.deadline() == null ? null : c.deadline().alert(),
                time(c.createdAt()),
                time(c.updatedAt()),
                c.version(),
                followers,
                timeline == null ? null : timeline.stream().map(Step::of).toList(),
                null,
                Source.of(c));
    }

    /** The same view saying what its caller may do now. */
    StaffComplaintView withActions(List<TransitionPermissions.AllowedAction> allowed) {
        return new StaffComplaintView(
                trackingNo,
                category,
                categoryName,
                status,
                statusLabel,
                description,
                location,
                address,
                photos,
                contactPhone,
                routing,
                flagged,
                rework,
                stage,
                stageStartedAt,
                deadline,
                alert,
                createdAt,
                updatedAt,
                version,
                followers,
                timeline,
                allowed,
                source);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime();
    }
}
