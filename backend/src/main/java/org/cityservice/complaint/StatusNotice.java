package org.cityservice.complaint;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a resident is told when their case is registered, rejected, dispatched or closed, queued with
 * the move that caused it (same Lua script) and sent outside quiet hours by {@link StatusNotifier}.
 *
 * @param contactPhone for the SMS fallback when it is the resident's proven (bound) phone; else null, and the bound
 *                     phone at sending time is used, if any
 */
record StatusNotice(
        String id,
        String trackingNo,
        String residentId,
        ComplaintStatus status,
        @Nullable String note,
        @Nullable String contactPhone,
        Instant at) {}
