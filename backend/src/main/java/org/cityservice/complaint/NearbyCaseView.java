package org.cityservice.complaint;

import java.time.OffsetDateTime;

/**
 * An open case near where a resident is about to report, so she can follow it (附议) rather than
 * report it again: what and how far, never who or what the reporter wrote.
 *
 * @param distance  metres from the point asked about
 * @param followers how many residents follow it
 * @param following the caller follows it
 * @param mine      the caller reported it
 */
record NearbyCaseView(
        String trackingNo,
        String category,
        String categoryName,
        ComplaintStatus status,
        String statusLabel,
        long distance,
        OffsetDateTime createdAt,
        long followers,
        boolean following,
        boolean mine) {

    static NearbyCaseView of(
            OpenCases.Hit hit, ComplaintProperties properties, Followers.Count count, String callerId) {
        Complaint c = hit.item();
        ComplaintProperties.Category category = properties.category(c.category());
        return new NearbyCaseView(
                c.trackingNo(),
                c.category(),
                category == null ? c.category() : category.name(),
                c.status(),
                c.status().label(),
                Math.round(hit.distance()),
                ComplaintView.time(c.createdAt()),
                count.followers(),
                count.following(),
                callerId.equals(c.residentId()));
    }
}
