package org.cityservice.complaint;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which moves of a case a platform that dispatched it hears of, and in what words: 签收 when registered, 派遣 with the
 * station, 办理 with the result, 办结 with the handling result again (the platform closes its 工单 on it), 退回 with the
 * reason (a merge is one: the case was a duplicate), 重办 when the survey sent it back. Check and rework stay inside the
 * bureau. A resident's own case has no platform.
 */
@Component
class PlatformUpdates {

    private final ComplaintStore store;

    PlatformUpdates(ComplaintStore store) {
        this.store = store;
    }

    /** Empty when the platform is not told of this move. */
    Mono<PlatformUpdate> after(
            Complaint before, Complaint moved, ComplaintAction action, @Nullable String note, Instant at) {
        Complaint.External external = moved.external();
        if (external == null) {
            return Mono.empty();
        }
        PlatformUpdate.Step step = switch (action) {
            case REGISTER -> PlatformUpdate.Step.SIGNED;
            case DISPATCH -> PlatformUpdate.Step.DISPATCHED;
            case HANDLE -> PlatformUpdate.Step.HANDLED;
            case CLOSE -> PlatformUpdate.Step.CLOSED;
            case REJECT, MERGE -> PlatformUpdate.Step.RETURNED;
            case REOPEN -> PlatformUpdate.Step.REOPENED;
            case VERIFY, REWORK, REROUTE -> null;
        };
        if (step == null) {
            return Mono.empty();
        }
        String unit = step == PlatformUpdate.Step.DISPATCHED ? moved.routing().stationName() : null;
        Mono<String> text =
                step == PlatformUpdate.Step.CLOSED ? handlingResult(moved.trackingNo(), note) : Mono.justOrEmpty(note);
        return text.map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(words -> new PlatformUpdate(
                        moved.trackingNo() + ":" + moved.version(),
                        moved.trackingNo(),
                        external.platform(),
                        external.orderId(),
                        step,
                        at,
                        words.orElse(null),
                        unit,
                        null));
    }

    /** The last handling's note (what was done), with the closing note after it when there is one. */
    private Mono<String> handlingResult(String trackingNo, @Nullable String closingNote) {
        return store.timeline(trackingNo).flatMap(timeline -> {
            String handled = null;
            for (TimelineEntry entry : timeline) {
                if (entry.action() == ComplaintAction.HANDLE && entry.note() != null) {
                    handled = entry.note();
                }
            }
            String result = handled == null
                    ? closingNote
                    : closingNote == null ? handled : handled + "(结案意见:" + closingNote + ")";
            return Mono.justOrEmpty(result);
        });
    }
}
