package org.cityservice.complaint;

import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * At most {@code app.complaints.max-per-hour} submissions per resident per clock hour (Asia/Shanghai),
 * counted in Redis so every instance counts together. Over the limit: 429 with {@code Retry-After}
 * until the next hour.
 */
@Component
class SubmissionLimit {

    private final ComplaintStore store;
    private final ComplaintProperties properties;
    private final Clock clock;

    SubmissionLimit(ComplaintStore store, ComplaintProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Void> take(String residentId) {
        return store.countSubmission(residentId, HourlyLimit.hour(clock))
                .flatMap(count -> HourlyLimit.within(
                        count,
                        properties.maxPerHour(),
                        clock,
                        minutes -> "每小时最多提交 " + properties.maxPerHour() + " 条诉求,请 " + minutes + " 分钟后再试"));
    }
}
