package org.cityservice.complaint;

import java.time.Clock;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz only triggers; which photos wait for deletion is kept in Redis ({@link PhotoCleanup}). */
@DisallowConcurrentExecution
class PhotoCleanupJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PhotoCleanupJob.class);

    private final PhotoCleanup cleanup;
    private final Clock clock;

    PhotoCleanupJob(PhotoCleanup cleanup, Clock clock) {
        this.cleanup = cleanup;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            cleanup.sweep(clock.instant()).block(Duration.ofSeconds(50));
        } catch (RuntimeException e) {
            log.warn("Photo cleanup failed; the next run finishes it: {}", e.toString());
        }
    }
}
