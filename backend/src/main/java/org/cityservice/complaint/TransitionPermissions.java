package org.cityservice.complaint;

import static org.cityservice.identity.Caller.Kind.ADMIN;
import static org.cityservice.identity.Caller.Kind.DISPATCHER;
import static org.cityservice.identity.Caller.Kind.STATION_STAFF;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * Who may take which step (二级指挥、三级处置): dispatchers register, reject, dispatch, verify, send
 * back, close, re-route and merge duplicates; station staff handle what was dispatched to them; admins
 * may do everything; every staff member who sees a case may read its full contact phone. Rejecting,
 * handling, sending back and re-routing need a note: the resident reads the reason, the checker the
 * work. The same table refuses a step ({@link #require}) and lists the steps a caller may take now
 * ({@link #available}), so the console never keeps a copy of it.
 */
final class TransitionPermissions {

    /** Reading the full contact phone ({@code GET …/contact-phone}, audited): no step of the case, but offered like one. */
    static final String CONTACT_PHONE = "CONTACT_PHONE";

    private static final Map<ComplaintAction, Set<Caller.Kind>> WHO = new EnumMap<>(ComplaintAction.class);
    private static final Set<Caller.Kind> READ_CONTACT_PHONE = Set.of(ADMIN, DISPATCHER, STATION_STAFF);
    private static final Set<ComplaintAction> NEED_A_NOTE =
            Set.of(ComplaintAction.REJECT, ComplaintAction.HANDLE, ComplaintAction.REWORK, ComplaintAction.REROUTE);

    static {
        for (ComplaintAction action : List.of(
                ComplaintAction.REGISTER,
                ComplaintAction.REJECT,
                ComplaintAction.DISPATCH,
                ComplaintAction.VERIFY,
                ComplaintAction.REWORK,
                ComplaintAction.CLOSE,
                ComplaintAction.REROUTE,
                ComplaintAction.MERGE)) {
            WHO.put(action, Set.of(ADMIN, DISPATCHER));
        }
        WHO.put(ComplaintAction.HANDLE, Set.of(ADMIN, DISPATCHER, STATION_STAFF));
        WHO.put(ComplaintAction.REOPEN, Set.of(ADMIN));
    }

    /**
     * One thing the caller may do to the case now.
     *
     * @param action       a {@link ComplaintAction} name, or {@value #CONTACT_PHONE}
     * @param noteRequired whether the request must carry a note ({@code reason} when re-routing)
     */
    record AllowedAction(String action, String label, boolean noteRequired) {}

    private TransitionPermissions() {}

    static void require(Caller.Kind role, ComplaintAction action, @Nullable String note) {
        if (!WHO.getOrDefault(action, Set.of()).contains(role)) {
            throw new ApiException(ProblemType.FORBIDDEN, role.label() + "不能进行“" + action.label() + "”操作");
        }
        if (NEED_A_NOTE.contains(action) && (note == null || note.isBlank())) {
            throw ApiException.invalid(List.of(new FieldViolation(
                    action == ComplaintAction.REROUTE ? "reason" : "note", "“" + action.label() + "”须填写说明")));
        }
    }

    static void requireContactPhone(Caller.Kind role) {
        if (!READ_CONTACT_PHONE.contains(role)) {
            throw new ApiException(ProblemType.FORBIDDEN, role.label() + "不能查看联系电话");
        }
    }

    /**
     * What {@code role} may do now to a case in {@code status} that it sees: the steps it is allowed
     * that are legal from there ({@link ComplaintTransitions}), then reading the contact phone.
     */
    static List<AllowedAction> available(Caller.Kind role, ComplaintStatus status) {
        List<AllowedAction> allowed = new ArrayList<>();
        for (ComplaintAction action : ComplaintAction.values()) {
            if (WHO.getOrDefault(action, Set.of()).contains(role) && ComplaintTransitions.legal(status, action)) {
                allowed.add(new AllowedAction(action.name(), action.label(), NEED_A_NOTE.contains(action)));
            }
        }
        if (READ_CONTACT_PHONE.contains(role)) {
            allowed.add(new AllowedAction(CONTACT_PHONE, "查看联系电话", false));
        }
        return List.copyOf(allowed);
    }
}
