package org.cityservice.complaint;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.cityservice.shared.QuietHours;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Which moves the resident hears about (registered, rejected, dispatched, closed) and when: at
 * once, or at the end of quiet hours ({@code app.quiet-hours}, 21:00–08:00) when the move happens
 * at night. A hotline caller is not sent these: the platform that took the call tells its caller.
 */
@Component
class StatusNoticePolicy {

    private static final Set<ComplaintStatus> TOLD = Set.of(
            ComplaintStatus.REGISTERED, ComplaintStatus.REJECTED, ComplaintStatus.DISPATCHED, ComplaintStatus.CLOSED);

    /** A notice and when to send it. */
    record Scheduled(StatusNotice notice, Instant due) {}

    private final QuietHours quietHours;
    private final SecureRandom random = new SecureRandom();

    StatusNoticePolicy(QuietHours quietHours) {
        this.quietHours = quietHours;
    }

    /** @return null when this move is not one the resident is told about */
    @Nullable
    Scheduled after(Complaint moved, @Nullable String note, Instant at) {
        if (!TOLD.contains(moved.status())) {
            return null;
        }
        byte[] id = new byte[8];
        random.nextBytes(id);
        StatusNotice notice = new StatusNotice(
                "n-" + HexFormat.of().formatHex(id),
                moved.trackingNo(),
                moved.residentId(),
                moved.status(),
                note,
                moved.phoneProven() && moved.external() == null ? moved.contactPhone() : null,
                at);
        return new Scheduled(notice, quietHours.nextAllowed(at));
    }
}
