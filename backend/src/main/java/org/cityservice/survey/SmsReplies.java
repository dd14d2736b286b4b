package org.cityservice.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.QuietHours;
import org.cityservice.sms.SmsInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers that arrive by SMS, read by {@link ReplyParser} and matched to the surveys open for that
 * number: a bare answer goes to the one open survey; with several open it must name its case (the
 * reply code or tracking number), and a reply that names none or none of them is answered with an
 * SMS listing the open cases and how to name one (at most once an hour per number), never guessed. A reply that is not an answer,
 * comes from a number with no open survey, is ambiguous, or answers one already answered is kept
 * for staff ({@code unmatched}), never dropped. Delivery reports go into the survey's history.
 */
@Component
class SmsReplies implements SmsInbox {

    private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);
    /** Open cases an SMS asking "which?" lists; more would not fit a message. */
    private static final int LISTED = 4;

    private final SurveyStore store;
    private final SurveyAnswers answers;
    private final QuietHours quietHours;
    private final Clock clock;

    SmsReplies(SurveyStore store, SurveyAnswers answers, QuietHours quietHours, Clock clock) {
        this.store = store;
        this.answers = answers;
        this.quietHours = quietHours;
        this.clock = clock;
    }

    @Override
    public Mono<Void> reply(Reply reply) {
        ReplyParser.Reply parsed = ReplyParser.parse(reply.text());
        return store.openFor(reply.phone()).collectList().flatMap(located -> {
            List<Survey> open =
                    located.stream().map(SurveyStore.Located::survey).toList();
            if (open.isEmpty()) {
                return keep(reply, List.of(), "该号码没有待回复的回访");
            }
            if (parsed == null) {
                return keep(reply, open, "无法识别的回复");
            }
            List<SurveyStore.Located> named = parsed.reference() == null
                    ? located
                    : located.stream()
                            .filter(one -> parsed.names(one.survey().trackingNo()))
                            .toList();
            if (named.size() == 1) {
                Survey survey = named.get(0).survey();
                return answers.answer(named.get(0), parsed.answer())
                        .then()
                        .onErrorResume(
                                ApiException.class,
                                e -> keep(
                                        reply,
                                        List.of(survey),
                                        Objects.requireNonNull(e.getMessage(), "an ApiException carries its detail")));
            }
            String why = parsed.reference() == null ? "多件回访待回复,未注明编号" : "编号与待回复的回访不符";
            String number = HexFormat.of().formatHex(sha256(reply.phone()), 0, 16);
            // the mark goes again if the question could not be queued, so Tencent's retry asks it
            return store.mayAskWhich(number)
                    .flatMap(ask -> ask
                            ? askWhich(reply, open, number)
                                    .then(keep(reply, open, why + ";已短信询问"))
                                    .onErrorResume(error ->
                                            store.forgetAskedWhich(number).then(Mono.error(error)))
                            : keep(reply, open, why + ";一小时内已询问过"));
        });
    }

    @Override
    public Mono<Void> report(Report report) {
        return store.bySerial(report.serialNo())
                .flatMap(sent -> store.note(
                        sent.shard(),
                        sent.id(),
                        new HistoryEntry(
                                report.at(),
                                report.delivered() ? "DELIVERED" : "UNDELIVERED",
                                report.delivered() ? "短信已送达" : "短信未送达(" + report.errmsg() + ")")));
    }

    /**
     * Lists the open cases by reply code and category, or by whole tracking number when two codes are
     * the same; one waiting per number, out of quiet hours.
     */
    private Mono<Void> askWhich(Reply reply, List<Survey> open, String number) {
        boolean codesClash = open.stream().map(Survey::replyCode).distinct().count() < open.size();
        List<Survey> listed = open.subList(Math.max(0, open.size() - LISTED), open.size());
        String cases = listed.stream()
                .map(survey -> (codesClash ? survey.trackingNo() : survey.replyCode()) + " " + survey.categoryWords())
                .collect(Collectors.joining("、"));
        String example = codesClash ? listed.get(0).trackingNo() : listed.get(0).replyCode();
        // one question waiting per number: replies at night do not pile up questions for 08:00
        String id = "which-" + number;
        Instant now = clock.instant();
        return store.offerReply(
                        new ReplyMessage(
                                id,
                                reply.phone(),
                                "survey-which",
                                List.of(Integer.toString(open.size()), cases, example)),
                        quietHours.nextAllowed(now))
                .then();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps a reply for staff with the surveys it may be about: the survey when there is one, and the
     * districts of all of them, which decide which dispatchers see it (none: admins only).
     */
    private Mono<Void> keep(Reply reply, List<Survey> about, String why) {
        log.info("SMS reply kept for staff: {}", why);
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("phone", reply.phone());
        kept.put("text", reply.text());
        kept.put("at", reply.at().toString());
        kept.put("survey", about.size() == 1 ? about.get(0).id() : "");
        kept.put(
                "districts",
                about.stream()
                        .map(Survey::district)
                        .filter(d -> d != null)
                        .distinct()
                        .collect(Collectors.joining(",")));
        kept.put("why", why);
        return store.unmatched(kept);
    }
}
