package org.cityservice.identity;

import java.time.OffsetDateTime;

/** Send {@code token} as {@code Authorization: Bearer …}; it lapses at {@code expiresAt} unless used before. */
record StaffLoginResponse(String token, OffsetDateTime expiresAt, StaffView staff) {

    @Override
    public String toString() {
        return "StaffLoginResponse[token=…, expiresAt=" + expiresAt + "]";
    }
}
