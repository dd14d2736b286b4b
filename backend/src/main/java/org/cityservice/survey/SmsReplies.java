package org.cityservice.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.cityservice.shared.ApiException;
import org.cityservice.sms.SmsInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Answers that arrive by SMS: a reply is matched to the most recently sent survey still open for
 * that number and read by {@link ReplyParser}. A reply that is not an answer, comes from a number
 * with no open survey, or answers one already answered is kept for staff ({@code unmatched}), never
 * dropped. Delivery reports go into the survey's history.
 */
@Component
class SmsReplies implements SmsInbox {

    private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

    private final SurveyStore store;
    private final SurveyAnswers answers;

    SmsReplies(SurveyStore store, SurveyAnswers answers) {
        this.store = store;
        this.answers = answers;
    }

    @Override
    public Mono<Void> reply(Reply reply) {
        SurveyAnswer answer = ReplyParser.parse(reply.text());
        return store.latestOpenFor(reply.phone()).flatMap(store::find).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(open -> {
                    if (open.isEmpty()) {
                        return keep(reply, null, "该号码没有待回复的回访");
                    }
                    Survey survey = open.get();
                    return answer == null ? keep(reply, survey.id(), "无法识别的回复")
                            : answers.answer(survey, answer).then()
                                    .onErrorResume(ApiException.class, e -> keep(reply, survey.id(), e.getMessage()));
                });
    }

    @Override
    public Mono<Void> report(Report report) {
        return store.bySerial(report.serialNo())
                .flatMap(id -> store.note(id, new HistoryEntry(report.at(), report.delivered() ? "DELIVERED" : "UNDELIVERED",
                        report.delivered() ? "短信已送达" : "短信未送达(" + report.errmsg() + ")")));
    }

    private Mono<Void> keep(Reply reply, String surveyId, String why) {
        log.info("SMS reply kept for staff: {}", why);
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("phone", reply.phone());
        kept.put("text", reply.text());
        kept.put("at", reply.at().toString());
        kept.put("survey", surveyId == null ? "" : surveyId);
        kept.put("why", why);
        return store.unmatched(kept);
    }
}
