package org.cityservice.identity;

import java.time.OffsetDateTime;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;

/** A resident's own profile as they see it: the phone masked, no WeChat ids. */
public record ResidentView(String id, @Nullable String phone, boolean phoneBound, OffsetDateTime memberSince) {

    static ResidentView of(Resident resident) {
        return new ResidentView(
                resident.id(),
                PhoneNumbers.mask(resident.phone()),
                resident.phone() != null,
                resident.createdAt().atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime());
    }
}
