package org.cityservice.identity;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes account deletions that stopped between their steps (a 503 for want of a replica, a backend stopped):
 * noted more than a minute ago and not done. Quartz only triggers; what is pending is kept in Redis.
 */
@DisallowConcurrentExecution
class PendingErasureJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PendingErasureJob.class);
    /** Longer than a deletion under way takes, so the job does not race one. */
    static final Duration STOPPED_AFTER = Duration.ofMinutes(1);

    private final AccountDeletion deletion;

    PendingErasureJob(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            Long finished = deletion.finishStopped(STOPPED_AFTER).block(Duration.ofMinutes(1));
            if (finished != null && finished > 0) {
                log.info("Account deletions: finished {} that had stopped between their steps", finished);
            }
        } catch (RuntimeException e) {
            log.warn("Account deletions: finishing stopped ones failed; the next run tries again: {}", e.toString());
        }
    }
}
