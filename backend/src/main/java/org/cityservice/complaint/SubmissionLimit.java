package org.cityservice.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * At most {@code app.complaints.max-per-hour} submissions per resident per clock hour (Asia/Shanghai),
 * counted in Redis so every instance counts together. Over the limit: 429 with {@code Retry-After}
 * until the next hour.
 */
@Component
class SubmissionLimit {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

    private final ComplaintStore store;
    private final ComplaintProperties properties;
    private final Clock clock;

    SubmissionLimit(ComplaintStore store, ComplaintProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Void> take(String residentId) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(TimeConfiguration.SHANGHAI);
        return store.countSubmission(residentId, HOUR.format(now)).flatMap(count -> {
            if (count <= properties.maxPerHour()) {
                return Mono.<Void>empty();
            }
            long wait = Math.max(1, Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plusHours(1)).toSeconds());
            return Mono.error(new ApiException(ProblemType.TOO_MANY_REQUESTS,
                    "每小时最多提交 " + properties.maxPerHour() + " 条诉求,请 " + (wait + 59) / 60 + " 分钟后再试",
                    List.of(), Map.of(ProblemWriter.RETRY_AFTER, wait)));
        });
    }
}
