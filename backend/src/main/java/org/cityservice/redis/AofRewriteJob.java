package org.cityservice.redis;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz only triggers; whether a rewrite is due is kept in Redis ({@link AofRewrite}). */
@DisallowConcurrentExecution
class AofRewriteJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AofRewriteJob.class);

    private final AofRewrite rewrite;

    AofRewriteJob(AofRewrite rewrite) {
        this.rewrite = rewrite;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            rewrite.rewriteIfRequested().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("AOF rewrite check failed; the next run tries again: {}", e.toString());
        }
    }
}
