package org.cityservice.complaint;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The follow-up survey a resident sees on their case, provided by the survey feature (which builds
 * on complaints, so complaints ask through this port rather than know it).
 */
public interface CaseSurveys {

    /** The case's survey that is still to be answered (scheduled, sent or reminded); empty when there is none. */
    Mono<OpenSurvey> openSurvey(String trackingNo, String residentId);

    /**
     * @param scheduledFor when it will be sent (a scheduled one), else null
     * @param expiresAt    the last moment an answer is taken (a sent one), else null
     */
    record OpenSurvey(
            String id,
            String status,
            String statusLabel,
            boolean answerable,
            @Nullable OffsetDateTime scheduledFor,
            @Nullable OffsetDateTime expiresAt) {}
}
