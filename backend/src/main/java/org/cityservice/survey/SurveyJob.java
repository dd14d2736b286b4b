package org.cityservice.survey;

import java.time.Clock;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz only triggers; the schedule is in Redis. One run: new CLOSED events become surveys, due
 * surveys are sent, reminded or expired, reopenings that failed are tried again, and the SMS that
 * answer residents' replies go out. Failures wait for the next run.
 */
@DisallowConcurrentExecution
class SurveyJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(SurveyJob.class);

    private final SurveyIntake intake;
    private final SurveySender sender;
    private final SurveyAnswers answers;
    private final ReplyMessages replies;
    private final Clock clock;

    SurveyJob(SurveyIntake intake, SurveySender sender, SurveyAnswers answers, ReplyMessages replies, Clock clock) {
        this.intake = intake;
        this.sender = sender;
        this.answers = answers;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            intake.pull()
                    .then(sender.sweep(clock.instant()))
                    .then(answers.reopenPending())
                    .then(replies.sweep(clock.instant()))
                    .block(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            log.warn("Survey sweep failed; the next one picks up where it stopped: {}", e.toString());
        }
    }
}
