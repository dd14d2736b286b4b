package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Which time limit runs in which status, from the category's limits, counted in working time
 * ({@link WorkingCalendar}): received → register, registered or reopened → dispatch, dispatched →
 * handle, handled → verify. Closing after the check, and rejected or closed cases, have no clock.
 */
@Component
class TimeLimitPolicy {

    private final WorkingCalendar calendar;
    private final ComplaintProperties properties;

    TimeLimitPolicy(WorkingCalendar calendar, ComplaintProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /** The same, with the limits of the case's category; null for a category no longer configured. */
    @Nullable
    Deadline enter(ComplaintStatus status, Complaint complaint, Instant at) {
        ComplaintProperties.Category configured = properties.category(complaint.category());
        return configured == null ? null : enter(status, configured.limits(), at, complaint.external());
    }

    /**
     * The clock of {@code status}; for a case a platform dispatched, no stage is due after the platform's time limit
     * (the stricter of theirs and ours applies). A limit already past makes the stage due, and red, at once.
     */
    @Nullable
    Deadline enter(
            ComplaintStatus status,
            ComplaintProperties.StageLimits limits,
            Instant at,
            Complaint.@Nullable External external) {
        Deadline ours = enter(status, limits, at);
        if (ours == null
                || external == null
                || external.timeLimit() == null
                || !external.timeLimit().isBefore(ours.dueAt())) {
            return ours;
        }
        Instant due = external.timeLimit().isAfter(at) ? external.timeLimit() : at;
        return new Deadline(ours.stage(), at, due, Deadline.Alert.NONE);
    }

    /** @return null when no clock runs in that status */
    private @Nullable Deadline enter(ComplaintStatus status, ComplaintProperties.StageLimits limits, Instant at) {
        return switch (status) {
            case RECEIVED -> deadline("register", at, limits.register());
            case REGISTERED, REOPENED -> deadline("dispatch", at, limits.dispatch());
            case DISPATCHED -> deadline("handle", at, limits.handle());
            case HANDLED -> deadline("verify", at, limits.verify());
            case VERIFIED, CLOSED, REJECTED -> null;
        };
    }

    private Deadline deadline(String stage, Instant at, Duration limit) {
        return new Deadline(stage, at, calendar.deadline(at, limit), Deadline.Alert.NONE);
    }
}
