package org.cityservice.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.identity.SubscribeMessages;
import org.cityservice.shared.QuietHours;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.sms.SmsException;
import org.cityservice.sms.SmsGateway;
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
    /** How long a step waits for others to be recorded with it in one script call. */
    private static final Duration RECORD_WAIT = Duration.ofMillis(10);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.SHANGHAI);

    private final SurveyStore store;
    private final SubscribeMessages messages;
    private final ResidentDirectory residents;
    private final SmsGateway sms;
    private final SurveyProperties properties;
    private final QuietHours quietHours;
    private final MeterRegistry meters;
    private final Clock clock;

    SurveySender(
            SurveyStore store,
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
        this.messages = messages;
        this.residents = residents;
        this.sms = sms;
        this.properties = properties;
        this.quietHours = quietHours;
    }

    /**
     * Everything due by {@code now}: surveys claimed a batch at a time as the senders get to them, their steps
     * recorded a few dozen to a script call. A sweep claims for half a lease at most, so what it claimed last is
     * still its own when sent; the next sweep goes on from there.
     */
    Mono<Void> sweep(Instant now) {
        boolean quiet = quietHours.quiet(now);
        Instant remindAt = quietHours.nextAllowed(now.plus(properties.remindAfter()));
        Instant claimUntil = clock.instant().plus(properties.lease().dividedBy(2));
        return store.reap(now)
                .thenMany(claimed(now, claimUntil))
                .flatMap(
                        claimed -> claimed.survey().status() == SurveyStatus.SCHEDULED && !quiet
                                ? send(claimed, now, remindAt)
                                : step(claimed.survey(), now),
                        properties.concurrency())
                .bufferTimeout(properties.concurrency(), RECORD_WAIT, true)
                .concatMap(this::record)
                .then();
    }

    /**
     * The surveys due by {@code now}, a batch claimed when the one before is being worked off, until a batch comes
     * short or {@code claimUntil}. One batch ahead at most: a survey is sent well inside its lease.
     */
    private Flux<Claimed> claimed(Instant now, Instant claimUntil) {
        Mono<List<Claimed>> batch = Mono.defer(() -> clock.instant().isBefore(claimUntil)
                ? store.claim(now, now.plus(properties.lease()), properties.batch())
                        .collectList()
                        .flatMap(this::withGrants)
                : Mono.empty());
        // expand, not a batch that subscribes the next one: 200 batches nested 200 deep, and every Redis call
        // walked the whole chain for its context
        return batch.expand(claimed -> claimed.size() < properties.batch() ? Mono.empty() : batch)
                .concatMapIterable(claimed -> claimed, 1);
    }

    /** A claimed survey, and whether its resident held a grant for the survey message when it was claimed. */
    private record Claimed(Survey survey, boolean grant) {}

    /**
     * Who of a batch's residents to be asked holds a grant, in one read: most hold none, and are sent an SMS without
     * asking Redis about each.
     */
    private Mono<List<Claimed>> withGrants(List<Survey> surveys) {
        List<String> asking = surveys.stream()
                .filter(survey -> survey.status() == SurveyStatus.SCHEDULED)
                .map(Survey::residentId)
                .distinct()
                .toList();
        return messages.holders(asking, "survey")
                .map(holders -> surveys.stream()
                        .map(survey -> new Claimed(survey, holders.contains(survey.residentId())))
                        .toList());
    }

    /** Records steps taken; one that cannot be recorded now stays claimed, and its lease brings it back. */
    private Mono<Void> record(List<SurveyStore.Advance> steps) {
        return store.advance(steps)
                .doOnNext(outcomes -> {
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
                })
                .onErrorResume(error -> {
                    log.warn(
                            "{} survey steps not recorded now, their leases bring them back: {}",
                            steps.size(),
                            error.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<SurveyStore.Advance> step(Survey survey, Instant now) {
        Mono<SurveyStore.Advance> step = switch (survey.status()) {
            case SCHEDULED -> later(survey, now);
            case SENT ->
                now.isBefore(expiry(survey))
                        ? (quietHours.quiet(now) ? later(survey, now) : remind(survey, now))
                        : expire(survey, now);
            case REMINDED -> expire(survey, now);
            default -> Mono.empty();
        };
        return step.onErrorResume(error -> {
            log.warn("Survey {} not advanced now, its lease brings it back: {}", survey.id(), error.toString());
            return Mono.empty();
        });
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
    private Mono<SurveyStore.Advance> send(Claimed claimed, Instant now, Instant remindAt) {
        Survey survey = claimed.survey();
        return sendOne(survey, claimed.grant(), now, remindAt).onErrorResume(error -> {
            log.warn("Survey {} not sent now, its lease brings it back: {}", survey.id(), error.toString());
            return Mono.empty();
        });
    }

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
