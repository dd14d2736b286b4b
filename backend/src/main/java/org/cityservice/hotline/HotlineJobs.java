package org.cityservice.hotline;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz job configuration: survey results queued and callbacks sent every {@code app.hotline.send-interval} (two seconds). */
@Configuration(proxyBeanMethods = false)
class HotlineJobs {

    @Bean
    JobDetail hotlineCallbacks() {
        return JobBuilder.newJob(HotlineJob.class)
                .withIdentity("hotline-callbacks", "hotline")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger hotlineCallbacksTrigger(JobDetail hotlineCallbacks, HotlineProperties properties) {
        Duration interval = properties.sendInterval();
        return TriggerBuilder.newTrigger()
                .forJob(hotlineCallbacks)
                .withIdentity("hotline-callbacks", "hotline")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
