package org.cityservice.complaint;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The complaint feature's timers: the 督办 sweep every {@code app.complaints.sweep-interval} (one
 * minute), due status notices every {@code app.complaints.notice-interval} (ten seconds), and the
 * cleanup of unattached photos every {@code app.uploads.cleanup-interval} (ten minutes).
 */
@Configuration(proxyBeanMethods = false)
class ComplaintJobs {

    @Bean
    JobDetail deadlineSweep() {
        return JobBuilder.newJob(DeadlineSweepJob.class)
                .withIdentity("deadline-sweep", "complaints")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger deadlineSweepTrigger(JobDetail deadlineSweep, ComplaintProperties properties) {
        Duration interval = properties.sweepInterval();
        return TriggerBuilder.newTrigger()
                .forJob(deadlineSweep)
                .withIdentity("deadline-sweep", "complaints")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail statusNoticeRun() {
        return JobBuilder.newJob(StatusNoticeJob.class)
                .withIdentity("status-notices", "complaints")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger statusNoticeRunTrigger(JobDetail statusNoticeRun, ComplaintProperties properties) {
        Duration interval = properties.noticeInterval();
        return TriggerBuilder.newTrigger()
                .forJob(statusNoticeRun)
                .withIdentity("status-notices", "complaints")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail photoCleanupRun() {
        return JobBuilder.newJob(PhotoCleanupJob.class)
                .withIdentity("photo-cleanup", "complaints")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger photoCleanupRunTrigger(JobDetail photoCleanupRun, UploadProperties uploads) {
        Duration interval = uploads.cleanupInterval();
        return TriggerBuilder.newTrigger()
                .forJob(photoCleanupRun)
                .withIdentity("photo-cleanup", "complaints")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
