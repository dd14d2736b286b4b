package org.cityservice.survey;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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

    SurveySender(
            SurveyStore store,
            SubscribeMessages messages,
            ResidentDirectory residents,
            SmsGateway sms,
            SurveyProperties properties,
            QuietHours quietHours,
            MeterRegistry meters) {
        this.meters = meters;
        this.store = store;
        this.messages = messages;
        this.residents = residents;
        this.sms = sms;
        this.properties = properties;
        this.quietHours = quietHours;
    }

    /** Everything due by {@code now}, batch by batch; how many steps were taken. */
    Mono<Long> sweep(Instant now) {
        // expand, not a batch that subscribes the next one: 200 batches nested 200 deep, and every
        // Redis call walked the whole chain for its context
        return store.reap(now)
                .then(batch(now)
                        .expand(done -> done < properties.batch() ? Mono.empty() : batch(now))
                        .reduce(0L, Long::sum));
    }

    /** One batch claimed and worked off; how many surveys it held (fewer than a batch: nothing more is due). */
    private Mono<Long> batch(Instant now) {
        return store.claim(now, now.plus(properties.lease()), properties.batch())
                .collectList()
                .flatMap(claimed -> {
                    boolean quiet = quietHours.quiet(now);
                    Map<Boolean, List<Survey>> toSend = claimed.stream()
                            .collect(Collectors.partitioningBy(
                                    survey -> survey.status() == SurveyStatus.SCHEDULED && !quiet));
                    // partitioningBy maps both true and false, each to a list, empty or not
                    List<Survey> sending = Objects.requireNonNull(toSend.get(true));
                    List<Survey> stepping = Objects.requireNonNull(toSend.get(false));
                    return Flux.merge(
                                    send(sending, now),
                                    Flux.fromIterable(stepping)
                                            .flatMap(survey -> step(survey, now), properties.concurrency()))
                            // steps are recorded as they come, a few dozen to a script call
                            .bufferTimeout(properties.concurrency(), RECORD_WAIT, true)
                            .concatMap(this::record)
                            .then(Mono.just((long) claimed.size()));
                });
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
     * Sends scheduled surveys, each by WeChat when the resident holds a grant, else by SMS (one number
     * a request: the message names its case), else records it unreachable.
     */
    private Flux<SurveyStore.Advance> send(List<Survey> surveys, Instant now) {
        Instant remindAt = quietHours.nextAllowed(now.plus(properties.remindAfter()));
        return Flux.fromIterable(surveys)
                .flatMap(
                        survey -> sendOne(survey, now, remindAt).onErrorResume(error -> {
                            log.warn(
                                    "Survey {} not sent now, its lease brings it back: {}",
                                    survey.id(),
                                    error.toString());
                            return Mono.empty();
                        }),
                        properties.concurrency());
    }

    private Mono<SurveyStore.Advance> sendOne(Survey survey, Instant now, Instant remindAt) {
        Map<String, String> values = Map.of(
                "title",
                (survey.ofFollower() ? "您附议的" : "您反映的") + survey.categoryWords() + "问题已办结",
                "closedAt",
                TIME.format(survey.closedAt()),
                "hint",
                "请评价处理结果",
                "trackingNo",
                survey.trackingNo());
        return messages.send(survey.residentId(), "survey", values, "id=" + survey.id())
                .flatMap(outcome -> {
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
