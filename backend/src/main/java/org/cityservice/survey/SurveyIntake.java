package org.cityservice.survey;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.cityservice.complaint.ComplaintDirectory;
import org.cityservice.complaint.ComplaintEvent;
import org.cityservice.shared.QuietHours;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.survey.SurveyShards.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns CLOSED events of each home's complaint events stream into surveys scheduled in that home's shard: one per closing for the
 * reporter and one for each resident who followed the case (附议) when it closed, due
 * {@code app.surveys.delay} after it, moved out of quiet hours. Reads from a cursor kept in Redis;
 * scheduling is idempotent, so two instances reading the same events, or a sweep that died before
 * moving the cursor, schedule each survey once.
 */
@Component
class SurveyIntake {

    private static final Logger log = LoggerFactory.getLogger(SurveyIntake.class);
    static final int BATCH = 500;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.SHANGHAI);

    private final SurveyStore store;
    private final SurveyShards shards;
    private final ComplaintDirectory complaints;
    private final SurveyProperties properties;
    private final QuietHours quietHours;

    SurveyIntake(
            SurveyStore store,
            SurveyShards shards,
            ComplaintDirectory complaints,
            SurveyProperties properties,
            QuietHours quietHours) {
        this.store = store;
        this.shards = shards;
        this.complaints = complaints;
        this.properties = properties;
        this.quietHours = quietHours;
    }

    /** Reads the events that arrived since the last sweep, stream by stream, batch by batch; how many surveys it scheduled. */
    Mono<Long> pull() {
        return Flux.fromIterable(complaints.eventStreams())
                .concatMap(this::pull)
                .reduce(0L, Long::sum);
    }

    /** A home's events, into the shard of that home's surveys. */
    private Mono<Long> pull(String stream) {
        Shard shard = shards.named(stream);
        return store.cursor(stream)
                .flatMap(cursor -> complaints.eventsAfter(stream, cursor, BATCH).collectList())
                .flatMap(events -> {
                    if (events.isEmpty()) {
                        return Mono.just(0L);
                    }
                    Mono<Long> batch = Flux.fromIterable(events)
                            .map(ComplaintEvent::of)
                            .filter(event -> event.type() == ComplaintEvent.Type.CLOSED)
                            .flatMap(event -> scheduleAll(shard, event), 16)
                            .filter(Boolean::booleanValue)
                            .count()
                            .flatMap(scheduled -> store.moveCursor(
                                            stream,
                                            events.get(events.size() - 1).id())
                                    .thenReturn(scheduled));
                    return events.size() < BATCH
                            ? batch
                            : batch.flatMap(scheduled -> pull(stream).map(more -> scheduled + more));
                });
    }

    /** The reporter's survey, and one for each follower (附议) the CLOSED event names: true for each scheduled now. */
    private Flux<Boolean> scheduleAll(Shard shard, ComplaintEvent event) {
        return schedule(shard, event, Objects.requireNonNull(event.residentId(), "a closing names its reporter"), true)
                .concatWith(Flux.fromIterable(event.followers())
                        .concatMap(follower -> schedule(shard, event, follower, false)));
    }

    private Mono<Boolean> schedule(Shard shard, ComplaintEvent event, String residentId, boolean reporter) {
        String trackingNo = event.trackingNo();
        Instant closedAt = event.at();
        Instant due = quietHours.nextAllowed(closedAt.plus(properties.delay()));
        long version = event.version() == null ? 0 : event.version();
        return complaints
                .find(trackingNo)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(summary -> {
                    // a follower is sent SMS at her own bound phone, never at the reporter's contact phone
                    Survey survey = new Survey(
                            reporter
                                    ? Survey.id(trackingNo, version)
                                    : Survey.followerId(trackingNo, version, residentId),
                            trackingNo,
                            (int) version,
                            residentId,
                            reporter
                                    ? summary.map(ComplaintDirectory.Summary::smsPhone)
                                            .orElse(null)
                                    : null,
                            Objects.requireNonNull(event.category(), "every event of a case names its category"),
                            summary.map(ComplaintDirectory.Summary::categoryName)
                                    .orElse(null),
                            event.district(),
                            event.subdistrict(),
                            event.stationId(),
                            SurveyStatus.SCHEDULED,
                            null,
                            closedAt,
                            due,
                            null,
                            null,
                            null,
                            null,
                            null);
                    return scheduledBeforeShards(shard, survey.id())
                            .flatMap(before -> before
                                    ? Mono.just(false)
                                    : store.schedule(
                                            shard,
                                            survey,
                                            new HistoryEntry(
                                                    closedAt,
                                                    SurveyEvent.Type.SCHEDULED.name(),
                                                    "计划于 " + TIME.format(due) + " 发送"),
                                            SurveyEvent.of(survey, SurveyEvent.Type.SCHEDULED, closedAt)
                                                    .fields()));
                })
                .doOnNext(scheduled -> {
                    if (scheduled) {
                        log.info(
                                "Survey of {} ({}) scheduled for {}",
                                trackingNo,
                                reporter ? "reporter" : "follower",
                                due);
                    }
                });
    }

    /**
     * Whether a survey of a district's case was scheduled by an earlier version, in the legacy shard: an event it
     * read and did not get to mark read is read again by this one, and must not schedule the survey twice.
     */
    private Mono<Boolean> scheduledBeforeShards(Shard shard, String id) {
        return shard.legacy() ? Mono.just(false) : store.holds(shards.legacy(), id);
    }
}
