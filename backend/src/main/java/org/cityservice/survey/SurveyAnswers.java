package org.cityservice.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.cityservice.complaint.ComplaintDirectory;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.QuietHours;
import org.cityservice.survey.SurveyShards.Shard;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes a resident's answer, from the mini-program or an SMS reply, once (a second is 409). "Not
 * solved" or 不满意 reopens the case (重办) with the answer in its timeline; the answer script notes
 * the reopening first, so if the case cannot be reopened right now the sweep does it later
 * ({@link #reopenPending}), and it is never done twice (only a closed case reopens).
 */
@Component
class SurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswers.class);

    private final SurveyStore store;
    private final SurveyShards shards;
    private final ComplaintDirectory complaints;
    private final QuietHours quietHours;
    private final Clock clock;

    SurveyAnswers(
            SurveyStore store, SurveyShards shards, ComplaintDirectory complaints, QuietHours quietHours, Clock clock) {
        this.store = store;
        this.shards = shards;
        this.complaints = complaints;
        this.quietHours = quietHours;
        this.clock = clock;
    }

    /**
     * @param located the survey as read, and its shard
     * @param answer without its time; stamped now
     */
    Mono<Survey> answer(SurveyStore.Located located, SurveyAnswer answer) {
        Shard shard = located.shard();
        Survey read = located.survey();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SurveyAnswer given =
                new SurveyAnswer(answer.solved(), answer.satisfaction(), answer.comment(), answer.via(), now);
        Survey answered = read.finished(SurveyStatus.ANSWERED, now, given);
        return store.answer(
                        shard,
                        read,
                        answered,
                        new HistoryEntry(now, SurveyEvent.Type.ANSWERED.name(), given.summary()),
                        SurveyEvent.of(answered, SurveyEvent.Type.ANSWERED, now).fields(),
                        acknowledgement(answered, given),
                        quietHours.nextAllowed(now))
                .flatMap(outcome -> switch (outcome) {
                    case OK -> reopen(shard, answered, given).thenReturn(answered);
                    case REREAD ->
                        store.find(shard, read.id())
                                .flatMap(fresh -> answer(new SurveyStore.Located(shard, fresh), answer));
                    case ANSWERED -> Mono.error(new ApiException(ProblemType.ALREADY_EXISTS, "该回访已经回复过了,感谢您的评价"));
                    case EXPIRED -> Mono.error(new ApiException(ProblemType.ILLEGAL_TRANSITION, "该回访已过期,无法再回复"));
                    case MISSING -> Mono.error(ApiException.notFound("没有找到这份回访"));
                    case SCHEDULED, UNREACHABLE ->
                        Mono.error(new ApiException(ProblemType.ILLEGAL_TRANSITION, "该回访尚未发出,暂不能回复"));
                });
    }

    /** An answer by SMS is told it counted, by SMS (a resident who answered in the mini-program sees it there). */
    private static @Nullable ReplyMessage acknowledgement(Survey answered, SurveyAnswer given) {
        String phone = answered.phone();
        if (!"SMS".equals(given.via()) || phone == null) {
            return null;
        }
        return new ReplyMessage(
                "thanks-" + answered.id(),
                phone,
                "survey-thanks",
                List.of(answered.trackingNo(), given.reopens() ? "我们将重新处理您反映的问题" : "感谢您的监督"));
    }

    /** Reopens the cases whose answers asked for it and whose reopening failed before; how many. */
    Mono<Long> reopenPending() {
        return Flux.fromIterable(shards.all())
                .concatMap(shard -> store.reopensPending(shard, 100)
                        .concatMap(id -> store.find(shard, id)
                                .flatMap(answered -> reopen(
                                        shard,
                                        answered,
                                        Objects.requireNonNull(
                                                answered.answer(),
                                                "a survey waits to reopen its case only once answered")))
                                .thenReturn(id))
                        // one shard that cannot be reached holds up none of the others
                        .onErrorResume(error -> {
                            log.warn("Reopenings of {} not read now: {}", shard.tag(), error.toString());
                            return Mono.empty();
                        }))
                .count();
    }

    /** @param answer {@code answered}'s answer */
    private Mono<Void> reopen(Shard shard, Survey answered, SurveyAnswer answer) {
        if (!answer.reopens()) {
            return Mono.empty();
        }
        return complaints
                .reopenForResident(answered.trackingNo(), answered.residentId(), answer.summary())
                .doOnNext(reopened -> log.info(
                        "Survey {} answered {}: case {} {}",
                        answered.id(),
                        answer.summary(),
                        answered.trackingNo(),
                        reopened ? "reopened" : "was not closed any more"))
                .then(store.reopenDone(shard, answered.id()))
                .onErrorResume(error -> {
                    log.warn(
                            "Case {} not reopened now; the sweep tries again: {}",
                            answered.trackingNo(),
                            error.toString());
                    return Mono.empty();
                });
    }
}
