package org.cityservice.identity;

import java.time.OffsetDateTime;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;

/** A staff account as staff see it: everything but the password hash. */
public record StaffView(
        String username,
        String displayName,
        Caller.Kind role,
        String roleLabel,
        @Nullable String district,
        @Nullable String stationId,
        boolean enabled,
        OffsetDateTime createdAt) {

    static StaffView of(StaffAccount account) {
        return new StaffView(
                account.username(),
                account.displayName(),
                account.role(),
                account.role().label(),
                account.district(),
                account.stationId(),
                account.enabled(),
                account.createdAt().atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime());
    }
}
