package org.cityservice.hotline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.complaint.PlatformOutbox;
import org.cityservice.complaint.PlatformUpdate;
import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

    private static final Logger log = LoggerFactory.getLogger(HotlineAdminController.class);

    /** One case's waiting callbacks. */
    record WaitingView(
            String trackingNo,
            String platform,
            String orderId,
            String nextStep,
            String callbackId,
            long waiting,
            int tries,
            boolean stuck,
            OffsetDateTime nextAttempt,
            @Nullable OffsetDateTime lastFailureAt,
            @Nullable String lastFailure) {}

    record OutboxView(long waitingCases, long stuck, int stuckAfterTries, List<WaitingView> items) {}

    /** @param callbackId the update the admin saw in front: only that one is skipped */
    record SkipRequest(
            @NotBlank @Size(max = 200) String callbackId,
            @NotBlank @Size(max = 500) String reason) {}

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
    @Operation(
            summary =
                    "ADMIN: cases with callbacks to a 12345 platform not yet acknowledged: the failing ones first (most tries "
                            + "first), then the others by next attempt; stuck ones flagged and counted over the whole backlog")
    Mono<OutboxView> outbox(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            return Mono.error(ApiException.invalid(List.of(new FieldViolation("limit", "应在 1 到 500 之间"))));
        }
        return Mono.zip(
                        outbox.waitingCases(),
                        outbox.failing(),
                        outbox.backlog(limit).map(this::view).collectList())
                .map(parts -> new OutboxView(
                        parts.getT1(),
                        parts.getT2().values().stream()
                                .filter(tries -> tries >= properties.stuckAfterTries())
                                .count(),
                        properties.stuckAfterTries(),
                        parts.getT3()));
    }

    @PostMapping("/api/v1/admin/hotline/outbox/{trackingNo}/retry")
    @Operation(
            summary =
                    "ADMIN: try a case's waiting callback at the next run instead of after its backoff (409 while one is being sent)")
    Mono<Map<String, Object>> retry(@PathVariable String trackingNo) {
        return outbox.retryNow(trackingNo, clock.instant()).flatMap(outcome -> switch (outcome) {
            case DONE -> Mono.just(Map.<String, Object>of("trackingNo", trackingNo, "retry", "next-run"));
            case SENDING -> Mono.error(sending(trackingNo));
            case NONE -> Mono.error(nothingWaiting(trackingNo));
        });
    }

    @PostMapping("/api/v1/admin/hotline/outbox/{trackingNo}/skip")
    @Operation(
            summary =
                    "ADMIN: give up on the callback in front of a case (the platform refuses it for good), with a reason; "
                            + "audited; the case's next callback goes on")
    Mono<Map<String, Object>> skip(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String trackingNo,
            @Valid @RequestBody SkipRequest request) {
        Instant now = clock.instant();
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("at", now.toString());
        audit.put("actor", caller.subject());
        audit.put("role", caller.kind().name());
        audit.put("action", "SKIP_PLATFORM_CALLBACK");
        audit.put("trackingNo", trackingNo);
        audit.put("callbackId", request.callbackId());
        audit.put("note", request.reason().strip());
        return outbox.skip(trackingNo, request.callbackId(), now, audit).flatMap(outcome -> switch (outcome) {
            case DONE -> {
                log.warn(
                        "Hotline callback {} of {} skipped by {}: {}",
                        request.callbackId(),
                        trackingNo,
                        caller.subject(),
                        request.reason().strip());
                yield Mono.just(Map.<String, Object>of("trackingNo", trackingNo, "skipped", request.callbackId()));
            }
            case SENDING -> Mono.error(sending(trackingNo));
            case NONE ->
                Mono.error(ApiException.notFound(
                        "受理编号 " + trackingNo + " 待回传的第一条不是 " + request.callbackId() + "(可能刚刚送达或已被跳过),请刷新后再操作"));
        });
    }

    private static ApiException sending(String trackingNo) {
        return new ApiException(ProblemType.VERSION_CONFLICT, "受理编号 " + trackingNo + " 的回传正在进行,请稍后刷新查看结果");
    }

    private static ApiException nothingWaiting(String trackingNo) {
        return ApiException.notFound("受理编号 " + trackingNo + " 没有待回传的平台消息");
    }

    private WaitingView view(PlatformOutbox.Waiting waiting) {
        PlatformUpdate head = waiting.head();
        Map<String, String> failure = waiting.lastFailure() == null
                ? Map.of()
                : json.readValue(
                        waiting.lastFailure(),
                        json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
        String failedAt = failure.get("at");
        return new WaitingView(
                waiting.trackingNo(),
                head.platform(),
                head.orderId(),
                head.step().name(),
                head.id(),
                waiting.waiting(),
                waiting.tries(),
                waiting.tries() >= properties.stuckAfterTries(),
                time(waiting.nextAttempt()),
                failedAt == null ? null : time(Instant.parse(failedAt)),
                failure.get("error"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime();
    }
}
