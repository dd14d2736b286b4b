package org.cityservice.hotline;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityservice.complaint.PlatformOutbox;
import org.cityservice.complaint.PlatformUpdate;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What admins see of the callbacks to the platforms: every case whose updates the platform has not acknowledged yet,
 * the one in front, its tries and last failure, and whether it is stuck ({@code app.hotline.stuck-after-tries}
 * failures); and a way to try a case again at once once the platform is back.
 */
@RestController
@Tag(name = "12345 hotline")
class HotlineAdminController {

    /** One case's waiting callbacks. */
    record WaitingView(String trackingNo, String platform, String orderId, String nextStep, String callbackId, long waiting, int tries,
                       boolean stuck, OffsetDateTime nextAttempt, OffsetDateTime lastFailureAt, String lastFailure) {
    }

    record OutboxView(long waitingCases, long stuck, int stuckAfterTries, List<WaitingView> items) {
    }

    private final PlatformOutbox outbox;
    private final HotlineProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    HotlineAdminController(PlatformOutbox outbox, HotlineProperties properties, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/v1/admin/hotline/outbox")
    @Operation(summary = "ADMIN: cases with callbacks to a 12345 platform not yet acknowledged, longest waiting first; stuck ones flagged")
    Mono<OutboxView> outbox(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            return Mono.error(ApiException.invalid(List.of(new FieldViolation("limit", "应在 1 到 500 之间"))));
        }
        return Mono.zip(outbox.waitingCases(), outbox.backlog(limit).map(this::view).collectList())
                .map(parts -> new OutboxView(parts.getT1(), parts.getT2().stream().filter(WaitingView::stuck).count(),
                        properties.stuckAfterTries(), parts.getT2()));
    }

    @PostMapping("/api/v1/admin/hotline/outbox/{trackingNo}/retry")
    @Operation(summary = "ADMIN: try a case's waiting callback again now instead of after its backoff")
    Mono<Map<String, Object>> retry(@PathVariable String trackingNo) {
        return outbox.retryNow(trackingNo, clock.instant()).flatMap(waiting -> waiting ? Mono.just(Map.<String, Object>of("trackingNo", trackingNo,
                "retry", "now")) : Mono.error(ApiException.notFound("受理编号 " + trackingNo + " 没有待回传的平台消息")));
    }

    private WaitingView view(PlatformOutbox.Waiting waiting) {
        PlatformUpdate head = waiting.head();
        Map<String, String> failure = waiting.lastFailure() == null ? Map.of()
                : json.readValue(waiting.lastFailure(), json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
        String failedAt = failure.get("at");
        return new WaitingView(waiting.trackingNo(), head.platform(), head.orderId(), head.step().name(), head.id(), waiting.waiting(),
                waiting.tries(), waiting.tries() >= properties.stuckAfterTries(), time(waiting.nextAttempt()),
                failedAt == null ? null : time(Instant.parse(failedAt)), failure.get("error"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime();
    }
}
