package org.cityservice.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * 工作人员账号. The role is one of the staff kinds of {@link Caller.Kind}; a DISPATCHER works one
 * district, a STATION_STAFF one community station (by its listing id).
 *
 * @param passwordHash BCrypt; never leaves the backend
 */
public record StaffAccount(
        String username,
        String displayName,
        Caller.Kind role,
        @Nullable String district,
        @Nullable String stationId,
        String passwordHash,
        boolean enabled,
        Instant createdAt) {

    @Override
    public String toString() {
        return "StaffAccount[" + username + ", " + role + "]";
    }
}
