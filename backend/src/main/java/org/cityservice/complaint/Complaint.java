package org.cityservice.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.cityservice.shared.GeoPoint;
import org.jspecify.annotations.Nullable;

/**
 * 诉求/案卷: one reported problem, identified by its tracking number (e.g. {@code JZ20261122-000123}).
 *
 * @param residentId   who reported it; the only link to the person, gone with their account
 * @param contactPhone the number to call back, if the resident gave or bound one
 * @param phoneProven  the contact phone is the one the resident bound through WeChat; only a proven number is
 *                     sent SMS (anyone can type a stranger's number), else SMS go to the bound phone, if any
 * @param photos       ids of the photos the resident attached
 * @param routing      the station and subdistrict the case went to; null fields when nothing was near
 * @param flagged      the content check could not pass the text outright; staff should look at it
 * @param rework       how often the check sent the work back (返工)
 * @param deadline     the time limit of the current stage; null when no clock runs
 * @param version      1 when received, one more with every move; a move names the version it saw
 * @param channel      how the case came in when not through the mini-program: {@code open311} for an integration's
 *                     GeoReport request, {@code 12345} for a hotline platform's 工单 (its {@code residentId} is then the
 *                     integration's, see {@link IntegrationCases}); null for a resident's own report, and for every case
 *                     stored before channels existed
 * @param external     the platform's side of a case that came from one (its order id, reporter and time limit); null
 *                     otherwise. The platform hears of the case's steps through its outbox ({@link PlatformOutbox})
 */
public record Complaint(
        String trackingNo,
        String residentId,
        String category,
        String description,
        @Nullable GeoPoint location,
        @Nullable String address,
        @Nullable String contactPhone,
        boolean phoneProven,
        List<String> photos,
        ComplaintStatus status,
        Routing routing,
        boolean flagged,
        int rework,
        @Nullable Deadline deadline,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String channel,
        @Nullable External external) {

    /** The channel of a resident's own report. */
    public static final @Nullable String MINIPROGRAM = null;

    public static final String OPEN311 = "open311";
    public static final String HOTLINE = "12345";

    /**
     * A case as a platform that dispatched it to the bureau knows it.
     *
     * @param platform     the platform's id in {@code app.hotline.platforms}
     * @param orderId      the platform's own id of the 工单; the case is filed once per platform and order id
     * @param reporterName who called, as the platform wrote it down
     * @param timeLimit    the platform's deadline for the whole case; no stage of ours is due later
     * @param receivedAt   when the platform took the call
     */
    public record External(
            String platform, String orderId, @Nullable String reporterName, Instant timeLimit, Instant receivedAt) {}

    public Complaint {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    /** A resident's own report (no channel). */
    public Complaint(
            String trackingNo,
            String residentId,
            String category,
            String description,
            GeoPoint location,
            String address,
            String contactPhone,
            boolean phoneProven,
            List<String> photos,
            ComplaintStatus status,
            Routing routing,
            boolean flagged,
            int rework,
            Deadline deadline,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        this(
                trackingNo,
                residentId,
                category,
                description,
                location,
                address,
                contactPhone,
                phoneProven,
                photos,
                status,
                routing,
                flagged,
                rework,
                deadline,
                createdAt,
                updatedAt,
                version,
                MINIPROGRAM,
                null);
    }

    /** The case after a move, one version on, with the clock of its new stage. */
    Complaint movedTo(ComplaintStatus next, boolean reworked, @Nullable Deadline nextDeadline, Instant at) {
        return new Complaint(
                trackingNo,
                residentId,
                category,
                description,
                location,
                address,
                contactPhone,
                phoneProven,
                photos,
                next,
                routing,
                flagged,
                reworked ? rework + 1 : rework,
                nextDeadline,
                createdAt,
                at,
                version + 1,
                channel,
                external);
    }

    /** The case sent to another station, one version on; its status and clock stay. */
    Complaint reroutedTo(Routing next, Instant at) {
        return new Complaint(
                trackingNo,
                residentId,
                category,
                description,
                location,
                address,
                contactPhone,
                phoneProven,
                photos,
                status,
                next,
                flagged,
                rework,
                deadline,
                createdAt,
                at,
                version + 1,
                channel,
                external);
    }

    /** The same case without the reporter's phone (account deleted); not a move, so the version stays. */
    Complaint withoutContactPhone() {
        return new Complaint(
                trackingNo,
                residentId,
                category,
                description,
                location,
                address,
                null,
                false,
                photos,
                status,
                routing,
                flagged,
                rework,
                deadline,
                createdAt,
                updatedAt,
                version,
                channel,
                external);
    }

    /** The same case with its stage marked yellow or red; not a move, so the version stays. */
    Complaint escalated(Deadline.Alert level) {
        return new Complaint(
                trackingNo,
                residentId,
                category,
                description,
                location,
                address,
                contactPhone,
                phoneProven,
                photos,
                status,
                routing,
                flagged,
                rework,
                Objects.requireNonNull(deadline, "only a case whose clock runs is escalated")
                        .marked(level),
                createdAt,
                updatedAt,
                version,
                channel,
                external);
    }

    /** @param distance metres from the reported place to the station */
    public record Routing(
            @Nullable String stationId,
            @Nullable String stationName,
            @Nullable String district,
            @Nullable String subdistrict,
            @Nullable Long distance) {

        static Routing none() {
            return new Routing(null, null, null, null, null);
        }
    }
}
