package org.cityservice.complaint;

import static org.cityservice.complaint.ComplaintAction.CLOSE;
import static org.cityservice.complaint.ComplaintAction.DISPATCH;
import static org.cityservice.complaint.ComplaintAction.HANDLE;
import static org.cityservice.complaint.ComplaintAction.MERGE;
import static org.cityservice.complaint.ComplaintAction.REGISTER;
import static org.cityservice.complaint.ComplaintAction.REJECT;
import static org.cityservice.complaint.ComplaintAction.REOPEN;
import static org.cityservice.complaint.ComplaintAction.REROUTE;
import static org.cityservice.complaint.ComplaintAction.REWORK;
import static org.cityservice.complaint.ComplaintAction.VERIFY;
import static org.cityservice.complaint.ComplaintStatus.CLOSED;
import static org.cityservice.complaint.ComplaintStatus.DISPATCHED;
import static org.cityservice.complaint.ComplaintStatus.HANDLED;
import static org.cityservice.complaint.ComplaintStatus.RECEIVED;
import static org.cityservice.complaint.ComplaintStatus.REGISTERED;
import static org.cityservice.complaint.ComplaintStatus.REJECTED;
import static org.cityservice.complaint.ComplaintStatus.REOPENED;
import static org.cityservice.complaint.ComplaintStatus.VERIFIED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The closed loop (一级监督、二级指挥、三级处置) as one table: which action may move a case from
 * which status, and where to. Everything else is an illegal move. Beside the loop, each with its own
 * endpoint, an open case may be re-routed (改派, its status stays) or merged into an earlier report of
 * the same problem (合并, it leaves as REJECTED): {@link #aside}.
 *
 * <pre>
 * RECEIVED ─REGISTER→ REGISTERED ─DISPATCH→ DISPATCHED ─HANDLE→ HANDLED ─VERIFY→ VERIFIED ─CLOSE→ CLOSED
 *    └─REJECT→ REJECTED                         ↑                                  │                  │
 *                                               └──────────────REWORK──────────────┘                REOPEN
 *                                               └──────────DISPATCH── REOPENED ←───────────────────────┘
 * </pre>
 */
public final class ComplaintTransitions {

    private static final Map<ComplaintStatus, Map<ComplaintAction, ComplaintStatus>> TABLE =
            new EnumMap<>(ComplaintStatus.class);

    static {
        move(RECEIVED, REGISTER, REGISTERED);
        move(RECEIVED, REJECT, REJECTED);
        move(REGISTERED, DISPATCH, DISPATCHED);
        move(DISPATCHED, HANDLE, HANDLED);
        move(HANDLED, VERIFY, VERIFIED);
        move(VERIFIED, REWORK, DISPATCHED);
        move(VERIFIED, CLOSE, CLOSED);
        move(CLOSED, REOPEN, REOPENED);
        move(REOPENED, DISPATCH, DISPATCHED);
    }

    private ComplaintTransitions() {}

    /** The status {@code action} leads to from {@code from}; empty when the move is illegal. */
    public static Optional<ComplaintStatus> next(ComplaintStatus from, ComplaintAction action) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
    }

    /** Where a step beside the loop leads from {@code from}; empty when the case is done (closed or rejected) or it is a loop step. */
    public static Optional<ComplaintStatus> aside(ComplaintStatus from, ComplaintAction action) {
        if (!from.open()) {
            return Optional.empty();
        }
        return action == REROUTE ? Optional.of(from) : action == MERGE ? Optional.of(REJECTED) : Optional.empty();
    }

    /** Whether {@code action} may be taken from {@code from} at all, on the loop or beside it. */
    public static boolean legal(ComplaintStatus from, ComplaintAction action) {
        return next(from, action).or(() -> aside(from, action)).isPresent();
    }

    private static void move(ComplaintStatus from, ComplaintAction action, ComplaintStatus to) {
        TABLE.computeIfAbsent(from, status -> new EnumMap<>(ComplaintAction.class))
                .put(action, to);
    }
}
