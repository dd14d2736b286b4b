package org.cityservice.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * 居民: a person who logged in through the mini-program. Known to us by our own id; the openid
 * (and unionid) only link back to WeChat and never leave the backend.
 *
 * @param phone null until bound, digits only
 */
public record Resident(
        String id,
        @Nullable String openid,
        @Nullable String unionid,
        @Nullable String phone,
        Instant createdAt) {

    @Override
    public String toString() {
        return "Resident[id=" + id + ", phone=" + PhoneNumbers.mask(phone) + "]";
    }
}
