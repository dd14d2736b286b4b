package org.cityservice.complaint;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A case as a resident who follows it (附议) sees it: where it stands and how it went, but nothing the
 * reporter told or showed — no description, address, place, photos or contact — and steps without
 * staff notes or photos, which may speak of the reporter.
 */
record FollowedComplaintView(
        String trackingNo,
        String category,
        String categoryName,
        ComplaintStatus status,
        String statusLabel,
        @Nullable String stationName,
        @Nullable String subdistrict,
        @Nullable OffsetDateTime deadline,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long followers,
        boolean following,
        @Nullable List<Step> timeline,
        CaseSurveys.@Nullable OpenSurvey survey)
        implements ResidentCaseView {

    /** One step: when, what, by which kind of person. */
    record Step(OffsetDateTime at, ComplaintStatus status, String statusLabel, String by) {

        static Step of(TimelineEntry entry) {
            String by = switch (entry.actorRole()) {
                case "RESIDENT" -> "报告居民";
                case "FOLLOWER" -> "附议居民";
                case "SYSTEM" -> "系统督办";
                case "INTEGRATION" -> "第三方平台";
                default -> "城管工作人员";
            };
            return new Step(
                    ComplaintView.time(entry.at()),
                    entry.status(),
                    entry.status().label(),
                    by);
        }
    }

    static FollowedComplaintView of(
            Complaint complaint,
            ComplaintProperties properties,
            long followers,
            @Nullable List<TimelineEntry> timeline) {
        ComplaintProperties.Category category = properties.category(complaint.category());
        return new FollowedComplaintView(
                complaint.trackingNo(),
                complaint.category(),
                category == null ? complaint.category() : category.name(),
                complaint.status(),
                complaint.status().label(),
                complaint.routing().stationName(),
                complaint.routing().subdistrict(),
                complaint.deadline() == null
                        ? null
                        : ComplaintView.time(complaint.deadline().dueAt()),
                ComplaintView.time(complaint.createdAt()),
                ComplaintView.time(complaint.updatedAt()),
                followers,
                true,
                timeline == null ? null : timeline.stream().map(Step::of).toList(),
                null);
    }

    FollowedComplaintView withSurvey(CaseSurveys.@Nullable OpenSurvey open) {
        return new FollowedComplaintView(
                trackingNo,
                category,
                categoryName,
                status,
                statusLabel,
                stationName,
                subdistrict,
                deadline,
                createdAt,
                updatedAt,
                followers,
                following,
                timeline,
                open);
    }
}
