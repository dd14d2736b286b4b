package org.cityservice.survey;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz job configuration: the survey sweep every {@code app.surveys.sweep-interval} (ten seconds). */
@Configuration(proxyBeanMethods = false)
class SurveyJobs {

    @Bean
    JobDetail surveySweep() {
        return JobBuilder.newJob(SurveyJob.class)
                .withIdentity("survey-sweep", "surveys")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger surveySweepTrigger(JobDetail surveySweep, SurveyProperties properties) {
        return TriggerBuilder.newTrigger()
                .forJob(surveySweep)
                .withIdentity("survey-sweep", "surveys")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.sweepInterval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
