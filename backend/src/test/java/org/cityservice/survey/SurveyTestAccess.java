package org.cityservice.survey;

import java.time.Instant;
import org.springframework.context.ApplicationContext;

/** Lets tests of other features run the survey sweep at a pinned time, as the Quartz job would. */
public final class SurveyTestAccess {

    private final SurveyIntake intake;
    private final SurveySender sender;

    public SurveyTestAccess(ApplicationContext context) {
        this.intake = context.getBean(SurveyIntake.class);
        this.sender = context.getBean(SurveySender.class);
    }

    /** Schedules surveys for the cases closed so far and sends those due by {@code now}. */
    public void sendDue(Instant now) {
        intake.pull().then(sender.sweep(now)).block();
    }
}
