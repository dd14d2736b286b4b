package org.cityservice.identity;

import java.time.OffsetDateTime;

/** Send {@code token} as {@code Authorization: Bearer …}; it lapses at {@code expiresAt} unless used before. */
record LoginResponse(String token, OffsetDateTime expiresAt, ResidentView resident) {

    @Override
    public String toString() {
        return "LoginResponse[token=…, expiresAt=" + expiresAt + "]";
    }
}
