package org.cityservice.stats;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz job configuration: counts new events every {@code app.stats.count-interval} (ten seconds). */
@Configuration(proxyBeanMethods = false)
class StatsJobs {

    @Bean
    JobDetail statsCount() {
        return JobBuilder.newJob(StatsJob.class)
                .withIdentity("stats-count", "stats")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger statsCountTrigger(JobDetail statsCount, StatsProperties properties) {
        Duration interval = properties.countInterval();
        return TriggerBuilder.newTrigger()
                .forJob(statsCount)
                .withIdentity("stats-count", "stats")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
