package org.cityservice.complaint;

import java.time.Clock;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz only triggers; the due sets in Redis hold the schedule ({@link DeadlineWatch}). Runs on
 * Quartz's pool, where blocking is fine; failures are logged, not thrown, so a Redis hiccup or a
 * shutdown in progress costs one sweep, not the trigger.
 */
@DisallowConcurrentExecution
class DeadlineSweepJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweepJob.class);

    private final DeadlineWatch watch;
    private final Clock clock;

    DeadlineSweepJob(DeadlineWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            watch.sweep(clock.instant()).block(Duration.ofSeconds(50));
        } catch (RuntimeException e) {
            log.warn("Deadline sweep failed; the next one picks the cases up: {}", e.toString());
        }
    }
}
