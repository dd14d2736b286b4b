package org.cityservice.survey;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.cityservice.identity.ResidentDirectory;
import org.cityservice.identity.SubscribeMessages;
import org.cityservice.shared.QuietHours;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.sms.SmsException;
import org.cityservice.sms.SmsGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Works off the surveys that are due, each claimed with a lease so two instances never take one at
 * the same time: sends a scheduled one (WeChat subscribe message when the resident holds a grant for
 * the survey template, else SMS to the case's or the bound phone, else unreachable), reminds once
 * after {@code app.surveys.remind-after}, and lets an unanswered one expire after
 * {@code app.surveys.expire-after}. Messages go out of quiet hours only. A sender that dies after
 * sending but before recording it sends again when its lease runs out (docs/surveys.md).
 */
@Component
class SurveySender {

    private static final Logger log = LoggerFactory.getLogger(SurveySender.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.SHANGHAI);

    private final SurveyStore store;
    private final SubscribeMessages messages;
    private final ResidentDirectory residents;
    private final SmsGateway sms;
    private final SurveyProperties properties;
    private final QuietHours quietHours;

    SurveySender(SurveyStore store, SubscribeMessages messages, ResidentDirectory residents, SmsGateway sms,
                 SurveyProperties properties, QuietHours quietHours) {
        this.store = store;
        this.messages = messages;
        this.residents = residents;
        this.sms = sms;
        this.properties = properties;
        this.quietHours = quietHours;
    }

    /** Everything due by {@code now}, batch by batch; how many steps were taken. */
    Mono<Long> sweep(Instant now) {
        return store.reap(now).then(batch(now));
    }

    private Mono<Long> batch(Instant now) {
        return store.claim(now, now.plus(properties.lease()), properties.batch())
                .flatMap(survey -> step(survey, now), properties.concurrency())
                .count()
                .flatMap(done -> done < properties.batch() ? Mono.just(done) : batch(now).map(more -> done + more));
    }

    private Mono<Boolean> step(Survey survey, Instant now) {
        Mono<String> step = switch (survey.status()) {
            case SCHEDULED -> quietHours.quiet(now) ? later(survey, now) : send(survey, now);
            case SENT -> now.isBefore(survey.sentAt().plus(properties.expireAfter()))
                    ? (quietHours.quiet(now) ? later(survey, now) : remind(survey, now)) : expire(survey, now);
            case REMINDED -> expire(survey, now);
            default -> Mono.just("moved");
        };
        return step.map("ok"::equals)
                .onErrorResume(error -> {
                    log.warn("Survey {} not advanced now, its lease brings it back: {}", survey.id(), error.toString());
                    return Mono.just(false);
                });
    }

    /** Claimed inside quiet hours (a clock moved, a late sweep): back to the due set for the morning. */
    private Mono<String> later(Survey survey, Instant now) {
        Survey waiting = new Survey(survey.id(), survey.trackingNo(), survey.closing(), survey.residentId(), survey.phone(),
                survey.category(), survey.district(), survey.subdistrict(), survey.stationId(), survey.status(), survey.channel(),
                survey.closedAt(), quietHours.nextAllowed(now), survey.sentAt(), survey.remindedAt(), survey.finishedAt(),
                survey.serialNo(), survey.answer());
        return store.advance(survey, waiting, new HistoryEntry(now, "DEFERRED", "夜间免打扰,顺延至 " + TIME.format(waiting.dueAt())),
                SurveyStore.PhoneIndex.KEEP, SurveyEvents.of(waiting, "DEFERRED", now));
    }

    private Mono<String> send(Survey survey, Instant now) {
        Instant remindAt = quietHours.nextAllowed(now.plus(properties.remindAfter()));
        Map<String, String> values = Map.of("title", "您反映的问题已办结", "closedAt", TIME.format(survey.closedAt()),
                "hint", "请评价处理结果", "trackingNo", survey.trackingNo());
        return messages.send(survey.residentId(), "survey", values, "id=" + survey.id())
                .flatMap(outcome -> {
                    if (outcome == SubscribeMessages.Outcome.SENT) {
                        Survey sent = survey.sent(Survey.Channel.WECHAT, survey.phone(), null, now, remindAt);
                        return store.advance(survey, sent, new HistoryEntry(now, "SENT", "微信订阅消息"), SurveyStore.PhoneIndex.KEEP,
                                SurveyEvents.of(sent, "SENT", now));
                    }
                    return phone(survey).flatMap(phone -> sms.send(phone, "survey", List.of(survey.trackingNo(), properties.smsQuestion()),
                                            survey.id())
                                    .flatMap(serial -> {
                                        Survey sent = survey.sent(Survey.Channel.SMS, phone, serial, now, remindAt);
                                        return store.advance(survey, sent, new HistoryEntry(now, "SENT", "短信"),
                                                SurveyStore.PhoneIndex.ADD, SurveyEvents.of(sent, "SENT", now));
                                    })
                                    .onErrorResume(SmsException.class, e -> e.permanent()
                                            ? unreachable(survey, now, "短信无法送达(" + e.code() + ")") : Mono.error(e)))
                            .switchIfEmpty(Mono.defer(() -> unreachable(survey, now, "没有微信订阅授权,也没有手机号")));
                });
    }

    /** What a reminder came to: the SMS serial, if one went, and how the history tells it. */
    private record Reminder(String serial, String detail) {
    }

    private Mono<String> remind(Survey survey, Instant now) {
        Mono<Reminder> reminder = survey.channel() == Survey.Channel.SMS
                ? sms.send(survey.phone(), "survey-reminder", List.of(survey.trackingNo()), survey.id())
                        .map(serial -> new Reminder(serial, "短信提醒"))
                        .onErrorResume(SmsException.class, e -> e.permanent()
                                ? Mono.just(new Reminder(null, "短信提醒无法送达(" + e.code() + ")")) : Mono.error(e))
                : messages.send(survey.residentId(), "reminder", Map.of("title", "回访提醒", "hint", "请评价 " + survey.trackingNo()),
                                "id=" + survey.id())
                        .map(outcome -> new Reminder(null, outcome == SubscribeMessages.Outcome.SENT ? "微信提醒" : "无提醒授权,未提醒"));
        return reminder.flatMap(sent -> {
            Survey reminded = survey.reminded(sent.serial(), now, survey.sentAt().plus(properties.expireAfter()));
            return store.advance(survey, reminded, new HistoryEntry(now, "REMINDED", sent.detail()), SurveyStore.PhoneIndex.KEEP,
                    SurveyEvents.of(reminded, "REMINDED", now));
        });
    }

    private Mono<String> expire(Survey survey, Instant now) {
        Survey expired = survey.finished(SurveyStatus.EXPIRED, now, null);
        return store.advance(survey, expired, new HistoryEntry(now, "EXPIRED", "逾期未回复"), SurveyStore.PhoneIndex.REMOVE,
                SurveyEvents.of(expired, "EXPIRED", now));
    }

    private Mono<String> unreachable(Survey survey, Instant now, String why) {
        Survey unreachable = survey.finished(SurveyStatus.UNREACHABLE, now, null);
        return store.advance(survey, unreachable, new HistoryEntry(now, "UNREACHABLE", why), SurveyStore.PhoneIndex.KEEP,
                SurveyEvents.of(unreachable, "UNREACHABLE", now));
    }

    private Mono<String> phone(Survey survey) {
        return survey.phone() != null ? Mono.just(survey.phone()) : residents.boundPhone(survey.residentId());
    }
}
