package org.cityservice.redis;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Looks for a due AOF rewrite every {@code app.redis.aof-rewrite.interval} (ten minutes). */
@Configuration(proxyBeanMethods = false)
class AofRewriteSchedule {

    @Bean
    JobDetail aofRewriteJob() {
        return JobBuilder.newJob(AofRewriteJob.class)
                .withIdentity("aof-rewrite", "redis")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger aofRewriteTrigger(JobDetail aofRewriteJob, AofRewriteProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(aofRewriteJob)
                .withIdentity("aof-rewrite", "redis")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
