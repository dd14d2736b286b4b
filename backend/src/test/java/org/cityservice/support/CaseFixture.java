package org.cityservice.support;

import static org.cityservice.complaint.ComplaintStatus.CLOSED;
import static org.cityservice.complaint.ComplaintStatus.DISPATCHED;
import static org.cityservice.complaint.ComplaintStatus.HANDLED;
import static org.cityservice.complaint.ComplaintStatus.RECEIVED;
import static org.cityservice.complaint.ComplaintStatus.REGISTERED;
import static org.cityservice.complaint.ComplaintStatus.REJECTED;
import static org.cityservice.complaint.ComplaintStatus.REOPENED;
import static org.cityservice.complaint.ComplaintStatus.VERIFIED;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cityservice.complaint.ComplaintStatus;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Cases at a given point of the closed loop (docs/complaints.md), got there through the real API by the admin,
 * one step at a time: REGISTER, DISPATCH, HANDLE ("已处理"), VERIFY, CLOSE, then REOPEN (重办 by hand, which only an
 * admin may do: no survey needed); or REJECT ("不属于城管职责") from RECEIVED. Each step is a timeline entry, an
 * event and a version (a case CLOSED this way is at version 6).
 */
public final class CaseFixture {

    /** The loop without its branch: each status is one step after the one before. */
    private static final List<ComplaintStatus> LOOP =
            List.of(RECEIVED, REGISTERED, DISPATCHED, HANDLED, VERIFIED, CLOSED, REOPENED);

    private static final Map<ComplaintStatus, String> STEP_INTO = Map.of(
            REGISTERED,
            "REGISTER",
            DISPATCHED,
            "DISPATCH",
            HANDLED,
            "HANDLE",
            VERIFIED,
            "VERIFY",
            CLOSED,
            "CLOSE",
            REOPENED,
            "REOPEN",
            REJECTED,
            "REJECT");
    private static final Map<String, String> NOTES = Map.of("HANDLE", "已处理", "REJECT", "不属于城管职责");
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final Supplier<WebTestClient> admin;

    public CaseFixture(Supplier<WebTestClient> admin) {
        this.admin = admin;
    }

    /** Files {@code report} and brings the new case to {@code status}: its tracking number. */
    public String at(ComplaintStatus status, Report report) {
        String trackingNo = report.file();
        walk(trackingNo, RECEIVED, status);
        return trackingNo;
    }

    /** Brings an existing case forward to {@code status}, from wherever it stands now (steps it took already are not taken again). */
    public void bringTo(String trackingNo, ComplaintStatus status) {
        Map<String, Object> view = admin.get()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        walk(trackingNo, ComplaintStatus.valueOf((String) view.get("status")), status);
    }

    private void walk(String trackingNo, ComplaintStatus from, ComplaintStatus to) {
        if (to == REJECTED) {
            if (from != RECEIVED) {
                throw new IllegalArgumentException(
                        "only a RECEIVED case is rejected, not a " + from + " one: " + trackingNo);
            }
            step(trackingNo, STEP_INTO.get(REJECTED));
            return;
        }
        if (from == REOPENED && to != REOPENED) {
            step(trackingNo, STEP_INTO.get(DISPATCHED));
            from = DISPATCHED;
        }
        if (from == REJECTED || LOOP.indexOf(to) < LOOP.indexOf(from)) {
            throw new IllegalArgumentException("a " + from + " case does not go on to " + to + ": " + trackingNo);
        }
        for (ComplaintStatus next : LOOP.subList(LOOP.indexOf(from) + 1, LOOP.indexOf(to) + 1)) {
            step(trackingNo, STEP_INTO.get(next));
        }
    }

    private void step(String trackingNo, String action) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action));
        if (NOTES.containsKey(action)) {
            body.put("note", NOTES.get(action));
        }
        admin.get()
                .post()
                .uri("/api/v1/admin/complaints/" + trackingNo + "/transitions")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
