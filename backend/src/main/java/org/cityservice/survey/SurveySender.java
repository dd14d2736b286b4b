package org.cityservice.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.identity.SubscribeMessages;
import org.cityservice.shared.QuietHours;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.sms.SmsException;
import org.cityservice.sms.SmsGateway;
import org.cityservice.survey.SurveyShards.Shard;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Works off the surveys that are due, each claimed with a lease so two instances never take one at
 * the same time: sends a scheduled one (WeChat subscribe message when the resident holds a grant for
 * the survey template, else SMS to the case's or the bound phone, else unreachable; every message
 * names its case), reminds once
 * after {@code app.surveys.remind-after}, and lets an unanswered one expire after
 * {@code app.surveys.expire-after}. Messages go out of quiet hours only. A sender that dies after
 * sending but before recording it sends again when its lease runs out (docs/surveys.md).
 */
@Component
class SurveySender {

    private static final Logger log = LoggerFactory.getLogger(SurveySender.class);
    /** How long a step waits for others to share its script call: long enough to fill one, short beside a send. */
    private static final Duration RECORD_WAIT = Duration.ofMillis(10);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.SHANGHAI);

    private final SurveyStore store;
    private final SurveyShards shards;
    private final SubscribeMessages messages;
    private final ResidentDirectory residents;
    private final SmsGateway sms;
    private final SurveyProperties properties;
    private final QuietHours quietHours;
    private final MeterRegistry meters;
    private final Clock clock;

    SurveySender(
            SurveyStore store,
            SurveyShards shards,
            SubscribeMessages messages,
            ResidentDirectory residents,
            SmsGateway sms,
            SurveyProperties properties,
            QuietHours quietHours,
            MeterRegistry meters,
            Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.store = store;
        this.shards = shards;
        this.messages = messages;
        this.residents = residents;
        this.sms = sms;
        this.properties = properties;
        this.quietHours = quietHours;
    }

    /**
     * Everything due by {@code now}: surveys claimed a batch at a time as the senders get to them, their steps
     * recorded a few dozen to a script call. Leases end {@code app.surveys.lease} after the sweep began, so a sweep
     * claims for the first half of it and takes a survey up only in the first three quarters: the last quarter is
     * for its send (at most {@code app.sms.timeout}) and its record. What is left over stays claimed until its lease
     * runs out, and a later sweep (of any instance) takes it.
     */
    Mono<Void> sweep(Instant now) {
        return Mono.defer(() -> {
            Instant began = clock.instant();
            Instant claimUntil = began.plus(properties.lease().dividedBy(2));
            Instant takeUntil = began.plus(properties.lease().multipliedBy(3).dividedBy(4));
            boolean quiet = quietHours.quiet(now);
            Instant remindAt = quietHours.nextAllowed(now.plus(properties.remindAfter()));
            return Flux.fromIterable(shards.all())
                    // one shard that cannot be reached (its master failing over) holds up none of the others
                    .concatMap(shard -> store.reap(shard, now).onErrorResume(error -> {
                        log.warn("Surveys of {} not reaped now: {}", shard.tag(), error.toString());
                        return Mono.empty();
                    }))
                    .thenMany(claimed(now, quiet, claimUntil))
                    .flatMap(claimed -> take(claimed, now, quiet, remindAt, takeUntil), properties.concurrency())
                    .bufferTimeout(properties.concurrency(), RECORD_WAIT, true)
                    .concatMap(this::record)
                    .then();
        });
    }

    /**
     * The surveys due by {@code now}, in rounds: a round claims a batch in each shard whose last batch came full, the
     * next is claimed when the one before is being worked off, until no batch comes full or {@code claimUntil}. A
     * claim that fails ends the claiming in its shard, not the sweep: what was claimed is worked off.
     */
    private Flux<Claimed> claimed(Instant now, boolean quiet, Instant claimUntil) {
        // expand, not a round that subscribes the next one: 200 rounds nested 200 deep, and every Redis call
        // walked the whole chain for its context
        return round(shards.all(), now, quiet, claimUntil)
                .expand(round -> round.more().isEmpty() ? Mono.empty() : round(round.more(), now, quiet, claimUntil))
                .concatMapIterable(Round::claimed, 1);
    }

    /** What a round claimed, and the shards whose batch came full: those may have more due. */
    private record Round(List<Claimed> claimed, List<Shard> more) {}

    private Mono<Round> round(List<Shard> from, Instant now, boolean quiet, Instant claimUntil) {
        return Mono.defer(() -> clock.instant().isBefore(claimUntil)
                ? Flux.fromIterable(from)
                        .concatMap(shard -> store.claim(shard, now, now.plus(properties.lease()), properties.batch())
                                .collectList()
                                .flatMap(surveys -> withGrants(shard, surveys, quiet))
                                .onErrorResume(error -> {
                                    log.warn(
                                            "Survey claim in {} failed; the next sweep claims again: {}",
                                            shard.tag(),
                                            error.toString());
                                    return Mono.just(List.of());
                                }))
                        .collectList()
                        .map(batches -> new Round(
                                batches.stream().flatMap(List::stream).toList(),
                                batches.stream()
                                        .filter(batch -> batch.size() == properties.batch())
                                        .map(batch -> batch.get(0).shard())
                                        .toList()))
                : Mono.empty());
    }

    /** A claimed survey, its shard, and whether its resident held a grant for the survey message when it was claimed. */
    private record Claimed(Shard shard, Survey survey, boolean grant) {}

    /** A step taken with a survey of a shard, to be recorded there. */
    private record Taken(Shard shard, SurveyStore.Advance step) {}

    /**
     * Who of a batch's residents to be asked holds a grant, in one read: most hold none, and are sent an SMS without
     * asking Redis about each. Unread (the read failed), each is asked as before, when the grant is spent.
     */
    private Mono<List<Claimed>> withGrants(Shard shard, List<Survey> surveys, boolean quiet) {
        List<String> asking = quiet
                ? List.of() // nobody is sent anything at night
                : surveys.stream()
                        .filter(survey -> survey.status() == SurveyStatus.SCHEDULED)
                        .map(Survey::residentId)
                        .distinct()
                        .toList();
        return messages.holders(asking, "survey")
                .onErrorResume(error -> {
                    log.warn("Survey grants not read, each resident is asked when sent: {}", error.toString());
                    return Mono.just(Set.copyOf(asking));
                })
                .map(holders -> surveys.stream()
                        .map(survey -> new Claimed(shard, survey, holders.contains(survey.residentId())))
                        .toList());
    }

    /**
     * Sends or steps a claimed survey, if there is still time inside its lease; a survey that fails here stays
     * claimed, and its lease brings it back.
     */
    private Mono<Taken> take(Claimed claimed, Instant now, boolean quiet, Instant remindAt, Instant takeUntil) {
        Survey survey = claimed.survey();
        return Mono.defer(() -> {
                    if (!clock.instant().isBefore(takeUntil)) {
                        return Mono.empty();
                    }
                    return survey.status() == SurveyStatus.SCHEDULED && !quiet
                            ? sendOne(survey, claimed.grant(), now, remindAt)
                            : step(survey, now);
                })
                .map(step -> new Taken(claimed.shard(), step))
                .onErrorResume(error -> {
                    log.warn(
                            "Survey {} not sent or advanced now, its lease brings it back: {}",
                            survey.id(),
                            error.toString());
                    return Mono.empty();
                });
    }

    /** Records steps taken, in one script call for each shard they were taken in. */
    private Mono<Void> record(List<Taken> taken) {
        Map<Shard, List<SurveyStore.Advance>> byShard = new LinkedHashMap<>();
        taken.forEach(one ->
                byShard.computeIfAbsent(one.shard(), shard -> new ArrayList<>()).add(one.step()));
        return Flux.fromIterable(byShard.entrySet())
                .concatMap(steps -> record(steps.getKey(), steps.getValue()))
                .then();
    }

    /**
     * Records steps taken in one shard, in one script call. When that fails, each step is recorded alone, so one that
     * cannot be (it stays claimed, and its lease brings it back) does not hold back the others.
     */
    private Mono<Void> record(Shard shard, List<SurveyStore.Advance> steps) {
        return store.advance(shard, steps)
                .doOnNext(outcomes -> count(steps, outcomes))
                .then()
                .onErrorResume(error -> {
                    if (steps.size() == 1) {
                        log.warn(
                                "Survey step of {} not recorded now, its lease brings it back: {}",
                                steps.get(0).next().id(),
                                error.toString());
                        return Mono.empty();
                    }
                    return Flux.fromIterable(steps)
                            .concatMap(step -> record(shard, List.of(step)))
                            .then();
                });
    }

    private void count(List<SurveyStore.Advance> steps, List<SurveyStore.Step> outcomes) {
        for (int i = 0; i < steps.size(); i++) {
            if (outcomes.get(i) == SurveyStore.Step.OK) {
                SurveyStore.Advance step = steps.get(i);
                meters.counter(
                                "cityservice.surveys.steps",
                                "step",
                                step.entry().what(),
                                "channel",
                                channelName(step.next()))
                        .increment();
            }
        }
    }

    private Mono<SurveyStore.Advance> step(Survey survey, Instant now) {
        return switch (survey.status()) {
            case SCHEDULED -> later(survey, now);
            case SENT ->
                now.isBefore(expiry(survey))
                        ? (quietHours.quiet(now) ? later(survey, now) : remind(survey, now))
                        : expire(survey, now);
            case REMINDED -> expire(survey, now);
            default -> Mono.empty();
        };
    }

    /** When a sent survey stops taking an answer: {@code app.surveys.expire-after} after it was sent. */
    private Instant expiry(Survey sent) {
        return Objects.requireNonNull(sent.sentAt(), "a SENT or REMINDED survey was sent")
                .plus(properties.expireAfter());
    }

    /** Claimed inside quiet hours (a clock moved, a late sweep): back to the due set for the morning. */
    private Mono<SurveyStore.Advance> later(Survey survey, Instant now) {
        Instant due = quietHours.nextAllowed(now);
        Survey waiting = survey.deferredTo(due);
        return advance(
                survey,
                waiting,
                SurveyEvent.Type.DEFERRED,
                "夜间免打扰,顺延至 " + TIME.format(due),
                SurveyStore.PhoneIndex.KEEP,
                now);
    }

    /**
     * Sends a scheduled survey by WeChat when the resident holds a grant, else by SMS (one number a request: the
     * message names its case), else records it unreachable.
     */
    private Mono<SurveyStore.Advance> sendOne(Survey survey, boolean grant, Instant now, Instant remindAt) {
        Map<String, String> values = Map.of(
                "title",
                (survey.ofFollower() ? "您附议的" : "您反映的") + survey.categoryWords() + "问题已办结",
                "closedAt",
                TIME.format(survey.closedAt()),
                "hint",
                "请评价处理结果",
                "trackingNo",
                survey.trackingNo());
        Mono<SubscribeMessages.Outcome> wechat = grant
                ? messages.send(survey.residentId(), "survey", values, "id=" + survey.id())
                : Mono.just(SubscribeMessages.Outcome.NO_GRANT);
        return wechat.flatMap(outcome -> {
            if (outcome == SubscribeMessages.Outcome.SENT) {
                Survey sent = survey.sent(Survey.Channel.WECHAT, survey.phone(), null, now, remindAt);
                return advance(survey, sent, SurveyEvent.Type.SENT, "微信订阅消息", SurveyStore.PhoneIndex.KEEP, now);
            }
            return phone(survey)
                    .flatMap(phone -> sms.send(phone, "survey", smsParams(survey), survey.id())
                            .flatMap(serial -> advance(
                                    survey,
                                    survey.sent(Survey.Channel.SMS, phone, serial, now, remindAt),
                                    SurveyEvent.Type.SENT,
                                    "短信",
                                    SurveyStore.PhoneIndex.ADD,
                                    now))
                            .onErrorResume(
                                    SmsException.class,
                                    e -> e.permanent()
                                            ? unreachable(survey, now, "短信无法送达(" + e.code() + ")")
                                            : Mono.error(e)))
                    .switchIfEmpty(Mono.defer(() -> unreachable(survey, now, "没有微信订阅授权,也没有手机号")));
        });
    }

    /**
     * What the survey SMS and its reminder say besides the template's fixed words: the case (its
     * category and tracking number), how to answer, and the code that picks this case in a reply.
     */
    private List<String> smsParams(Survey survey) {
        return List.of(survey.categoryWords(), survey.trackingNo(), properties.smsQuestion(), survey.replyCode());
    }

    /** What a reminder came to: the SMS serial, if one went, and how the history tells it. */
    private record Reminder(@Nullable String serial, String detail) {}

    private Mono<SurveyStore.Advance> remind(Survey survey, Instant now) {
        Mono<Reminder> reminder = survey.channel() == Survey.Channel.SMS
                ? smsReminder(survey)
                : messages.send(
                                survey.residentId(),
                                "reminder",
                                Map.of("title", "回访提醒:" + survey.categoryWords(), "hint", "请评价 " + survey.trackingNo()),
                                "id=" + survey.id())
                        .map(outcome ->
                                new Reminder(null, outcome == SubscribeMessages.Outcome.SENT ? "微信提醒" : "无提醒授权,未提醒"));
        return reminder.flatMap(sent -> {
            Survey reminded = survey.reminded(sent.serial(), now, expiry(survey));
            return advance(
                    survey, reminded, SurveyEvent.Type.REMINDED, sent.detail(), SurveyStore.PhoneIndex.KEEP, now);
        });
    }

    /**
     * The reminder by SMS, to the number the survey went to; none once that number was forgotten (the resident
     * deleted their account and is not asked any more).
     */
    private Mono<Reminder> smsReminder(Survey survey) {
        String phone = survey.phone();
        if (phone == null) {
            return Mono.just(new Reminder(null, "账号已注销,未提醒"));
        }
        return sms.send(phone, "survey-reminder", smsParams(survey), survey.id())
                .map(serial -> new Reminder(serial, "短信提醒"))
                .onErrorResume(
                        SmsException.class,
                        e -> e.permanent()
                                ? Mono.just(new Reminder(null, "短信提醒无法送达(" + e.code() + ")"))
                                : Mono.error(e));
    }

    private Mono<SurveyStore.Advance> expire(Survey survey, Instant now) {
        Survey expired = survey.finished(SurveyStatus.EXPIRED, now, null);
        return advance(survey, expired, SurveyEvent.Type.EXPIRED, "逾期未回复", SurveyStore.PhoneIndex.REMOVE, now);
    }

    private Mono<SurveyStore.Advance> unreachable(Survey survey, Instant now, String why) {
        Survey unreachable = survey.finished(SurveyStatus.UNREACHABLE, now, null);
        return advance(survey, unreachable, SurveyEvent.Type.UNREACHABLE, why, SurveyStore.PhoneIndex.KEEP, now);
    }

    /** A step to record: its history entry and event; counted in {@code cityservice.surveys.steps} once recorded. */
    private Mono<SurveyStore.Advance> advance(
            Survey claimed,
            Survey next,
            SurveyEvent.Type step,
            String detail,
            SurveyStore.PhoneIndex index,
            Instant now) {
        return Mono.just(new SurveyStore.Advance(
                claimed,
                next,
                new HistoryEntry(now, step.name(), detail),
                index,
                SurveyEvent.of(next, step, now).fields()));
    }

    private static String channelName(Survey survey) {
        Survey.Channel channel = survey.channel();
        return channel == null ? "NONE" : channel.name();
    }

    private Mono<String> phone(Survey survey) {
        String phone = survey.phone();
        return phone != null ? Mono.just(phone) : residents.boundPhone(survey.residentId());
    }
}
