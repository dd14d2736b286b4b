package org.cityservice.listing;

import org.cityservice.identity.StaffScope;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;

/**
 * Who keeps which listing current. An ADMIN: every listing. A DISPATCHER: the listings of their
 * district, and a listing cannot be moved out of it. A STATION_STAFF: their own station only — read
 * it and change it (hours, closures, services, phone), not create, move or delete listings.
 */
final class ListingEditPolicy {

    private ListingEditPolicy() {
    }

    /** @return the district a list is limited to: the requested one, or the dispatcher's own */
    static String listableDistrict(StaffScope scope, String requested) {
        if (scope.wholeCity()) {
            return requested;
        }
        if (scope.district() != null && (requested == null || scope.district(requested))) {
            return scope.district();
        }
        throw outOfScope("该区");
    }

    static void requireRead(StaffScope scope, ListingType<?> type, Listing listing) {
        if (!scope.district(listing.district()) && !ownStation(scope, type, listing)) {
            throw outOfScope("该" + type.label());
        }
    }

    static void requireCreate(StaffScope scope, ListingType<?> type, String district) {
        if (!scope.district(district)) {
            throw outOfScope(district + "的" + type.label());
        }
    }

    static void requireChange(StaffScope scope, ListingType<?> type, Listing current, Listing changed) {
        boolean mayChange = scope.district(current.district()) && scope.district(changed.district())
                || ownStation(scope, type, current) && current.district().equals(changed.district());
        if (!mayChange) {
            throw outOfScope("该" + type.label());
        }
    }

    static void requireDelete(StaffScope scope, ListingType<?> type, Listing current) {
        if (!scope.district(current.district())) {
            throw outOfScope("该" + type.label());
        }
    }

    private static boolean ownStation(StaffScope scope, ListingType<?> type, Listing listing) {
        return type == ListingType.STATION && scope.station(listing.id());
    }

    private static ApiException outOfScope(String what) {
        return new ApiException(ProblemType.FORBIDDEN, what + "不在您的管辖范围内");
    }
}
