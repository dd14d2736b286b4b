package org.cityservice.identity;

import org.jspecify.annotations.Nullable;

/**
 * 管辖范围: the part of the city a staff member works. An ADMIN works all of it, a DISPATCHER one
 * district, a STATION_STAFF one community station (by its listing id). Features decide with it
 * what a staff member may see and change.
 */
public record StaffScope(
        Caller.Kind role,
        @Nullable String district,
        @Nullable String stationId) {

    public boolean wholeCity() {
        return role == Caller.Kind.ADMIN;
    }

    public boolean district(String name) {
        return wholeCity() || (role == Caller.Kind.DISPATCHER && district != null && district.equals(name));
    }

    public boolean station(@Nullable String id) {
        return role == Caller.Kind.STATION_STAFF && stationId != null && stationId.equals(id);
    }
}
