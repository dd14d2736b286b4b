package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.identity.StaffScope;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.StreamEvent;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live case events for the staff console: the complaint events stream, as server-sent events, only
 * the cases of the caller's scope (the rule of {@link CaseScope#sees}), and nothing personal.
 *
 * <p>Each connection polls the stream with XRANGE after its own cursor every {@link #POLL} rather than
 * waiting in XREAD BLOCK: the reactive template shares one Lettuce connection among all requests, and
 * Redis answers a connection's commands in order, so a BLOCK on it would hold up every other command
 * for as long as it waits; a dedicated connection per console would cost one connection each. A poll is
 * one cheap non-blocking command per console every half second.
 */
@RestController
@RequestMapping("/api/v1/admin/complaints")
@Tag(name = "管理:诉求", description = "Staff work the cases of their scope through the closed loop")
class CaseEventsController {

    private static final Logger log = LoggerFactory.getLogger(CaseEventsController.class);
    static final Duration POLL = Duration.ofMillis(500);
    /** Proxies close a connection idle for a minute or so; a comment every 15 s keeps it open. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    static final int BATCH = 200;
    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    /**
     * One event of a case, without the resident: who reported it, their phone and the text stay out.
     *
     * @param type   what happened: RECEIVED (reported), a status reached (REGISTERED … REOPENED), REROUTED or ESCALATED
     * @param status the case's status after the event
     * @param action the step that caused it (REGISTER, MERGE, …); null for RECEIVED and ESCALATED
     * @param level  YELLOW or RED for ESCALATED, otherwise null
     */
    record CaseEvent(
            String trackingNo,
            String type,
            @Nullable String status,
            @Nullable String action,
            @Nullable String level,
            @Nullable String stationId,
            @Nullable String district,
            @Nullable String subdistrict,
            OffsetDateTime at) {

        static CaseEvent of(StreamEvent stored) {
            ComplaintEvent event = ComplaintEvent.of(stored);
            return new CaseEvent(
                    event.trackingNo(),
                    event.type().name(),
                    Optional.ofNullable(status(event))
                            .map(ComplaintStatus::name)
                            .orElse(null),
                    event.action() == null ? null : event.action().name(),
                    event.level() == null ? null : event.level().name(),
                    event.stationId(),
                    event.district(),
                    event.subdistrict(),
                    event.at().atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime());
        }

        /** A step's type is the status it reached; a re-routing keeps the status it came from; an escalation names it. */
        private static @Nullable ComplaintStatus status(ComplaintEvent event) {
            return switch (event.type()) {
                case REROUTED -> event.from();
                case ESCALATED -> event.status();
                default -> ComplaintStatus.valueOf(event.type().name());
            };
        }
    }

    private final ComplaintDirectory complaints;
    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final StaffDirectory staff;

    CaseEventsController(
            ComplaintDirectory complaints, ComplaintStore store, ComplaintKeys keys, StaffDirectory staff) {
        this.complaints = complaints;
        this.store = store;
        this.keys = keys;
        this.staff = staff;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary =
                    "Live events of the cases of my scope as server-sent events (id: stream id, event: type, data: "
                            + "{trackingNo, type, status, action, level, stationId, district, subdistrict, at}), from now or after Last-Event-ID; "
                            + "a comment at once and every 15 s. Never ends by itself: read it with fetch() and the bearer header")
    Flux<ServerSentEvent<CaseEvent>> events(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "the id of the last event received, to resume after it")
                    @RequestHeader(value = "Last-Event-ID", required = false)
                    String lastEventId) {
        String after = lastEventId == null || lastEventId.isBlank() ? null : lastEventId.strip();
        if (after != null && !STREAM_ID.matcher(after).matches()) {
            throw ApiException.invalid(List.of(new FieldViolation("Last-Event-ID", "应为事件编号,例如 1764000000000-0")));
        }
        return staff.scopeOf(caller).flatMapMany(first -> {
            AtomicReference<StaffScope> scope = new AtomicReference<>(first);
            // the cursor is known before the first comment goes out: whatever happens after it arrives is sent
            // the first comment goes out before any event (a merge alone would race them), the later ones beside them
            return (after != null ? Mono.just(after) : store.lastEventId(keys.only()))
                    .flatMapMany(start -> Flux.concat(
                            Mono.just(keepAlive()),
                            Flux.merge(
                                    heartbeats(caller, scope),
                                    tail(start)
                                            .filter(event -> CaseScope.sees(
                                                    Objects.requireNonNull(scope.get()),
                                                    event.get("district"),
                                                    event.get("stationId")))
                                            .map(event -> ServerSentEvent.builder(CaseEvent.of(event))
                                                    .id(event.id())
                                                    .event(Objects.requireNonNullElse(event.type(), "message"))
                                                    .build()))));
        });
    }

    /**
     * A comment every {@link #HEARTBEAT} after the first; each re-reads the caller's scope, so a changed
     * district or station applies and a disabled account's stream ends.
     */
    private Flux<ServerSentEvent<CaseEvent>> heartbeats(Caller caller, AtomicReference<StaffScope> scope) {
        return Flux.interval(HEARTBEAT, HEARTBEAT)
                .onBackpressureDrop()
                .concatMap(tick -> staff.scopeOf(caller).doOnNext(scope::set).thenReturn(keepAlive()));
    }

    private static ServerSentEvent<CaseEvent> keepAlive() {
        return ServerSentEvent.<CaseEvent>builder().comment("keep-alive").build();
    }

    /** Every event after {@code start}, polled; a failed poll is tried again at the next tick from the same cursor. */
    private Flux<StreamEvent> tail(String start) {
        AtomicReference<String> cursor = new AtomicReference<>(start);
        return Flux.interval(Duration.ZERO, POLL)
                .onBackpressureDrop()
                .concatMap(
                        tick -> drain(cursor).onErrorResume(e -> {
                            log.warn(
                                    "Reading case events after {} failed; trying again: {}",
                                    cursor.get(),
                                    e.toString());
                            return Flux.empty();
                        }),
                        1);
    }

    /** The events after the cursor, batch after batch until a short one: a resume far back catches up at once. */
    private Flux<StreamEvent> drain(AtomicReference<String> cursor) {
        return batchAfter(cursor)
                .expand(batch -> batch.size() < BATCH ? Mono.empty() : batchAfter(cursor))
                .concatMapIterable(batch -> batch);
    }

    private Mono<List<StreamEvent>> batchAfter(AtomicReference<String> cursor) {
        return complaints
                .eventsAfter(Objects.requireNonNull(cursor.get()), BATCH)
                .collectList()
                .doOnNext(batch -> {
                    if (!batch.isEmpty()) {
                        cursor.set(batch.get(batch.size() - 1).id());
                    }
                });
    }
}
