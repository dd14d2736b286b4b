package org.cityservice.complaint;

import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 督办: marks cases yellow once 80 % of their stage's time is used and red once it is past, each
 * with a timeline entry and an event. Works off the due sets in Redis, so a restart loses nothing
 * and two instances sweeping at once mark each case once ({@code escalate.lua}).
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 200;

    private final ComplaintStore store;
    private final ComplaintKeys keys;

    DeadlineWatch(ComplaintStore store, ComplaintKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** @return how many cases were marked */
    Mono<Long> sweep(Instant now) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home ->
                        Flux.concat(mark(home, Deadline.Alert.YELLOW, now), mark(home, Deadline.Alert.RED, now)))
                .count();
    }

    private Flux<String> mark(ComplaintKeys.Home home, Deadline.Alert level, Instant now) {
        return store.due(home, level, now, BATCH)
                .concatMap(trackingNo -> store.find(home, trackingNo).flatMap(complaint -> {
                    if (complaint.deadline() == null) {
                        return Mono.empty();
                    }
                    String note = level == Deadline.Alert.RED
                            ? "督办:已超过" + stage(complaint) + "时限"
                            : "督办:" + stage(complaint) + "时限即将到期";
                    TimelineEntry entry = new TimelineEntry(
                            now,
                            complaint.status(),
                            null,
                            "SYSTEM",
                            null,
                            complaint.routing().stationId(),
                            note);
                    return store.escalate(
                                    complaint.escalated(level),
                                    level,
                                    entry,
                                    ComplaintEvent.escalated(complaint, level, now))
                            .filter(marked -> marked == ComplaintStore.Escalation.OK)
                            .map(ok -> trackingNo);
                }))
                .doOnNext(trackingNo -> log.info("Case {} marked {}", trackingNo, level));
    }

    private static String stage(Complaint complaint) {
        // only a case whose clock runs is due to be marked
        return switch (Objects.requireNonNull(complaint.deadline()).stage()) {
            case "register" -> "立案";
            case "dispatch" -> "派遣";
            case "handle" -> "处置";
            default -> "核查";
        };
    }
}
