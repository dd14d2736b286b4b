package org.cityservice.stats;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quartz only triggers; the cursors are in Redis ({@link StatsCounter}). */
@DisallowConcurrentExecution
class StatsJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(StatsJob.class);

    private final StatsCounter counter;

    StatsJob(StatsCounter counter) {
        this.counter = counter;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            counter.pull().block(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            log.warn("Counting events failed; the next run counts them: {}", e.toString());
        }
    }
}
