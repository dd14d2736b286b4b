package org.cityservice.hotline;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz only triggers; what is due and what was sent is in Redis ({@link PlatformCallbacks}, {@link SurveyResults}). */
@DisallowConcurrentExecution
class HotlineJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(HotlineJob.class);

    private final SurveyResults surveyResults;
    private final PlatformCallbacks callbacks;

    HotlineJob(SurveyResults surveyResults, PlatformCallbacks callbacks) {
        this.surveyResults = surveyResults;
        this.callbacks = callbacks;
    }

    @Override
    public void execute(JobExecutionContext context) {
        // apart: survey results that cannot be read stop no callback of any case
        try {
            surveyResults.pull().block(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            log.warn(
                    "Reading survey results for the hotline platforms failed; the next run reads them: {}",
                    e.toString());
        }
        try {
            callbacks.sendDue().block(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            log.warn("Sending hotline callbacks failed; the next run sends them: {}", e.toString());
        }
    }
}
