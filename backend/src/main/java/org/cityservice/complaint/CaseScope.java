package org.cityservice.complaint;

import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffScope;
import org.jspecify.annotations.Nullable;

/**
 * Which cases a staff member sees and works: an ADMIN every case (and alone the unrouted ones); a
 * DISPATCHER the cases routed to their district; a STATION_STAFF those routed to their station.
 * Outside it a case does not exist for them (404), as for residents.
 */
final class CaseScope {

    private CaseScope() {}

    static boolean sees(StaffScope scope, Complaint complaint) {
        return sees(scope, complaint.routing().district(), complaint.routing().stationId());
    }

    /** The same rule for a case known only by its routing, as an event names it (null: unrouted). */
    static boolean sees(StaffScope scope, @Nullable String district, @Nullable String stationId) {
        return scope.wholeCity()
                || scope.role() == Caller.Kind.DISPATCHER && district != null && scope.district(district)
                || scope.station(stationId);
    }

    /** The scope's index of the cases in one status (a subset of {@link #index}). */
    static String statusIndex(StaffScope scope, ComplaintKeys.Home home, ComplaintStatus status) {
        return switch (scope.role()) {
            case DISPATCHER -> home.districtStatus(scope.district(), status);
            case STATION_STAFF -> home.stationStatus(scope.stationId(), status);
            default -> home.status(status);
        };
    }

    /** The index to list from. */
    static String index(StaffScope scope, ComplaintKeys.Home home) {
        return switch (scope.role()) {
            case DISPATCHER -> home.district(scope.district());
            case STATION_STAFF -> home.station(scope.stationId());
            default -> home.all();
        };
    }
}
