package org.cityservice.complaint;

import java.time.Clock;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz only triggers; the notices wait in Redis ({@link StatusNotifier}). Failures wait for the next run. */
@DisallowConcurrentExecution
class StatusNoticeJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(StatusNoticeJob.class);

    private final StatusNotifier notifier;
    private final Clock clock;

    StatusNoticeJob(StatusNotifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            notifier.sweep(clock.instant()).block(Duration.ofSeconds(50));
        } catch (RuntimeException e) {
            log.warn("Status notice run failed; the next one picks the notices up: {}", e.toString());
        }
    }
}
