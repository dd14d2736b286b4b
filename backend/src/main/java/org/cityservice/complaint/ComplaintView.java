package org.cityservice.complaint;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A case as its reporter sees it: status with its Chinese label, where it went, how many residents
 * follow it (附议), and (in detail) the timeline with staff reduced to their role and station, and the
 * follow-up survey still to be answered. No staff names, no other resident's data.
 */
record ComplaintView(
        String trackingNo,
        String category,
        String categoryName,
        ComplaintStatus status,
        String statusLabel,
        String description,
        @Nullable GeoPoint location,
        @Nullable String address,
        List<String> photos,
        @Nullable String stationName,
        @Nullable String subdistrict,
        @Nullable OffsetDateTime deadline,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long followers,
        @Nullable List<Step> timeline,
        CaseSurveys.@Nullable OpenSurvey survey)
        implements ResidentCaseView {

    /** One step of the case for the resident: when, what, by which kind of person, with what note and photos. */
    record Step(
            OffsetDateTime at,
            ComplaintStatus status,
            String statusLabel,
            String by,
            @Nullable String note,
            List<String> photos) {

        static Step of(TimelineEntry entry) {
            String by = switch (entry.actorRole()) {
                case "RESIDENT" -> "您";
                case "FOLLOWER" -> "附议居民";
                case "SYSTEM" -> "系统督办";
                case "INTEGRATION" -> "第三方平台";
                default -> "城管工作人员";
            };
            return new Step(
                    time(entry.at()),
                    entry.status(),
                    entry.status().label(),
                    by,
                    entry.note(),
                    entry.photos().stream().map(PhotoController::url).toList());
        }
    }

    static ComplaintView of(
            Complaint complaint,
            ComplaintProperties properties,
            long followers,
            @Nullable List<TimelineEntry> timeline) {
        ComplaintProperties.Category category = properties.category(complaint.category());
        return new ComplaintView(
                complaint.trackingNo(),
                complaint.category(),
                category == null ? complaint.category() : category.name(),
                complaint.status(),
                complaint.status().label(),
                complaint.description(),
                complaint.location(),
                complaint.address(),
                complaint.photos().stream().map(PhotoController::url).toList(),
                complaint.routing().stationName(),
                complaint.routing().subdistrict(),
                complaint.deadline() == null ? null : time(complaint.deadline().dueAt()),
                time(complaint.createdAt()),
                time(complaint.updatedAt()),
                followers,
                timeline == null ? null : timeline.stream().map(Step::of).toList(),
                null);
    }

    ComplaintView withSurvey(CaseSurveys.@Nullable OpenSurvey open) {
        return new ComplaintView(
                trackingNo,
                category,
                categoryName,
                status,
                statusLabel,
                description,
                location,
                address,
                photos,
                stationName,
                subdistrict,
                deadline,
                createdAt,
                updatedAt,
                followers,
                timeline,
                open);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime();
    }
}
