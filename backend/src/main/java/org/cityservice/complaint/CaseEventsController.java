package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.identity.StaffScope;
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
        List<String> streams = complaints.eventStreams();
        CaseEventCursor resumed = lastEventId == null || lastEventId.isBlank()
                ? null
                : CaseEventCursor.parse(lastEventId.strip(), streams);
        return staff.scopeOf(caller).flatMapMany(first -> {
            AtomicReference<StaffScope> scope = new AtomicReference<>(first);
            // the cursor is known before the first comment goes out: whatever happens after it arrives is sent
            // the first comment goes out before any event (a merge alone would race them), the later ones beside them
            return (resumed != null ? Mono.just(resumed) : now(streams))
                    .flatMapMany(start -> Flux.concat(
                            Mono.just(keepAlive()),
                            Flux.merge(
                                    heartbeats(caller, scope),
                                    tail(streams, start)
                                            .filter(read -> CaseScope.sees(
                                                    Objects.requireNonNull(scope.get()),
                                                    read.event().get("district"),
                                                    read.event().get("stationId")))
                                            .map(read -> ServerSentEvent.builder(CaseEvent.of(read.event()))
                                                    .id(read.cursor())
                                                    .event(Objects.requireNonNullElse(
                                                            read.event().type(), "message"))
                                                    .build()))));
        });
    }

    /** Every stream's newest event: where a console that names none starts. */
    private Mono<CaseEventCursor> now(List<String> streams) {
        return Flux.fromIterable(streams)
                .concatMap(stream -> store.lastEventId(keys.named(stream)).map(id -> Map.entry(stream, id)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(CaseEventCursor::new);
    }

    /** An event, and the cursor a console that received it resumes from. */
    private record Read(StreamEvent event, String cursor) {}

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

    /**
     * Every event after {@code start} in each stream, polled; a failed poll is tried again at the next tick from the
     * same cursor. {@code read} is where reading stands, {@code sent} what the console resumes from: read runs a batch
     * ahead of it.
     */
    private Flux<Read> tail(List<String> streams, CaseEventCursor start) {
        AtomicReference<CaseEventCursor> read = new AtomicReference<>(start);
        AtomicReference<CaseEventCursor> sent = new AtomicReference<>(start);
        return Flux.interval(Duration.ZERO, POLL)
                .onBackpressureDrop()
                .concatMap(
                        tick -> Flux.fromIterable(streams)
                                .concatMap(stream -> drain(stream, read))
                                .map(event -> new Read(
                                        event.event(),
                                        sent.updateAndGet(at -> at.with(
                                                        event.stream(),
                                                        event.event().id()))
                                                .id(streams)))
                                .onErrorResume(e -> {
                                    log.warn(
                                            "Reading case events after {} failed; trying again: {}",
                                            Objects.requireNonNull(read.get()).id(streams),
                                            e.toString());
                                    return Flux.empty();
                                }),
                        1);
    }

    /** An event and the stream it came from. */
    private record Streamed(String stream, StreamEvent event) {}

    /** The events of a stream after the cursor, batch after batch until a short one: a resume far back catches up at once. */
    private Flux<Streamed> drain(String stream, AtomicReference<CaseEventCursor> read) {
        return batchAfter(stream, read)
                .expand(batch -> batch.size() < BATCH ? Mono.empty() : batchAfter(stream, read))
                .concatMapIterable(batch -> batch)
                .map(event -> new Streamed(stream, event));
    }

    private Mono<List<StreamEvent>> batchAfter(String stream, AtomicReference<CaseEventCursor> read) {
        return complaints
                .eventsAfter(stream, Objects.requireNonNull(read.get()).after(stream), BATCH)
                .collectList()
                .doOnNext(batch -> {
                    if (!batch.isEmpty()) {
                        read.updateAndGet(at ->
                                at.with(stream, batch.get(batch.size() - 1).id()));
                    }
                });
    }
}
