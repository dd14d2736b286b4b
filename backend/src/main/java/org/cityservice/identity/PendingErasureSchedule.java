package org.cityservice.identity;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Looks for account deletions that stopped between their steps every minute. */
@Configuration(proxyBeanMethods = false)
class PendingErasureSchedule {

    @Bean
    JobDetail pendingErasureJob() {
        return JobBuilder.newJob(PendingErasureJob.class)
                .withIdentity("pending-erasures", "identity")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger pendingErasureTrigger(JobDetail pendingErasureJob) {
        return TriggerBuilder.newTrigger()
                .forJob(pendingErasureJob)
                .withIdentity("pending-erasures", "identity")
                .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
