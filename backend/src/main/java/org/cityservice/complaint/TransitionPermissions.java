package org.cityservice.complaint;

import static org.cityservice.identity.Caller.Kind.ADMIN;
import static org.cityservice.identity.Caller.Kind.DISPATCHER;
import static org.cityservice.identity.Caller.Kind.STATION_STAFF;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;

/**
 * Who may take which step (二级指挥、三级处置): dispatchers register, reject, dispatch, verify, send
 * back, close and re-route; station staff handle what was dispatched to them; admins may do
 * everything. Rejecting, handling, sending back and re-routing need a note: the resident reads the
 * reason, the checker the work.
 */
final class TransitionPermissions {

    private static final Map<ComplaintAction, Set<Caller.Kind>> WHO = new EnumMap<>(ComplaintAction.class);
    private static final Set<ComplaintAction> NEED_A_NOTE = Set.of(ComplaintAction.REJECT, ComplaintAction.HANDLE,
            ComplaintAction.REWORK, ComplaintAction.REROUTE);

    static {
        for (ComplaintAction action : List.of(ComplaintAction.REGISTER, ComplaintAction.REJECT, ComplaintAction.DISPATCH,
                ComplaintAction.VERIFY, ComplaintAction.REWORK, ComplaintAction.CLOSE, ComplaintAction.REROUTE)) {
            WHO.put(action, Set.of(ADMIN, DISPATCHER));
        }
        WHO.put(ComplaintAction.HANDLE, Set.of(ADMIN, DISPATCHER, STATION_STAFF));
        WHO.put(ComplaintAction.REOPEN, Set.of(ADMIN));
    }

    private TransitionPermissions() {
    }

    static void require(Caller.Kind role, ComplaintAction action, String note) {
        if (!WHO.getOrDefault(action, Set.of()).contains(role)) {
            throw new ApiException(ProblemType.FORBIDDEN, role.label() + "不能进行“" + action.label() + "”操作");
        }
        if (NEED_A_NOTE.contains(action) && (note == null || note.isBlank())) {
            throw ApiException.invalid(List.of(new FieldViolation(action == ComplaintAction.REROUTE ? "reason" : "note",
                    "“" + action.label() + "”须填写说明")));
        }
    }
}
