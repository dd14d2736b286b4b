package org.cityservice.hotline;

import java.time.Clock;
import org.cityservice.complaint.IntegrationCases;
import org.cityservice.complaint.PlatformOutbox;
import org.cityservice.complaint.PlatformUpdate;
import org.cityservice.redis.RedisKeys;
import org.cityservice.survey.SurveyDirectory;
import org.cityservice.survey.SurveyEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The follow-up survey's result of a platform case, for its platform: the caller's answer, or that none came (expired,
 * unreachable), queued behind the case's other updates. Reads the survey events from cursors of its own; queuing is
 * once per survey, so a run that died before moving the cursor queues nothing twice. Followers' surveys (附议) stay ours.
 */
@Component
class SurveyResults {

    static final int BATCH = 500;

    private final SurveyDirectory surveys;
    private final IntegrationCases cases;
    private final PlatformOutbox outbox;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock;

    SurveyResults(
            SurveyDirectory surveys,
            IntegrationCases cases,
            PlatformOutbox outbox,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            Clock clock) {
        this.surveys = surveys;
        this.cases = cases;
        this.outbox = outbox;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    /** How many results it queued, from every survey event stream. */
    Mono<Long> pull() {
        return Flux.fromIterable(surveys.eventStreams()).concatMap(this::pull).reduce(0L, Long::sum);
    }

    /** A cursor per stream: the legacy one's where it was before the surveys had shards. */
    private Mono<Long> pull(String stream) {
        String cursorKey =
                stream.isEmpty() ? keys.key("hotline", "survey-cursor") : keys.key("hotline", "survey-cursor", stream);
        return redis.opsForValue()
                .get(cursorKey)
                .defaultIfEmpty("0-0")
                .flatMap(cursor -> surveys.eventsAfter(stream, cursor, BATCH).collectList())
                .flatMap(events -> {
                    if (events.isEmpty()) {
                        return Mono.just(0L);
                    }
                    Mono<Long> batch = Flux.fromIterable(events)
                            .map(SurveyEvent::of)
                            .filter(event -> event.ofReporter() && result(event) != null)
                            .concatMap(this::queue)
                            .filter(Boolean::booleanValue)
                            .count()
                            .flatMap(queued -> redis.opsForValue()
                                    .set(
                                            cursorKey,
                                            events.get(events.size() - 1).id())
                                    .thenReturn(queued));
                    return events.size() < BATCH
                            ? batch
                            : batch.flatMap(queued -> pull(stream).map(more -> queued + more));
                });
    }

    private Mono<Boolean> queue(SurveyEvent event) {
        return cases.find(event.trackingNo())
                .filter(found -> found.complaint().external() != null)
                .flatMap(found -> outbox.append(
                        PlatformUpdate.surveyed(
                                found.complaint().external(),
                                event.trackingNo(),
                                event.survey(),
                                event.at(),
                                result(event)),
                        clock.instant()))
                .defaultIfEmpty(false);
    }

    /** Null for a step that is no result yet (scheduled, sent, …). */
    private static PlatformUpdate.@Nullable Survey result(SurveyEvent event) {
        return switch (event.type()) {
            case ANSWERED ->
                event.satisfaction() != null
                        ? new PlatformUpdate.Survey(
                                event.satisfaction().name(),
                                event.satisfaction().label(),
                                solved(event))
                        : new PlatformUpdate.Survey("NOT_SOLVED", "未解决", solved(event));
            case EXPIRED -> new PlatformUpdate.Survey("EXPIRED", "逾期未回复", null);
            case UNREACHABLE -> new PlatformUpdate.Survey("UNREACHABLE", "无法联系来电人", null);
            default -> null;
        };
    }

    private static @Nullable String solved(SurveyEvent event) {
        return event.solved() == null ? null : event.solved().name();
    }
}
