package org.cityservice.survey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how residents are asked about their closed cases (回访).
 *
 * @param delay              from closing to asking (then moved out of quiet hours)
 * @param remindAfter        one reminder this long after sending, if still unanswered and the channel allows
 * @param expireAfter        unanswered this long after sending, the survey expires
 * @param sweepInterval      how often the Quartz job sweeps (events in, due surveys out)
 * @param lease              how long a claimed survey is a sender's before another may take it
 * @param batch              surveys claimed by one sender at a time
 * @param concurrency        surveys one sender sends at once
 * @param satisfactionWeight how much a 基本满意 counts in the satisfaction rate (满意 counts 1)
 * @param smsQuestion        how to answer, in the survey SMS after the case's category and tracking number
 */
@ConfigurationProperties("app.surveys")
public record SurveyProperties(
        @DefaultValue("2h") Duration delay,
        @DefaultValue("24h") Duration remindAfter,
        @DefaultValue("72h") Duration expireAfter,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("500") int batch,
        @DefaultValue("32") int concurrency,
        @DefaultValue("0.8") double satisfactionWeight,

        @DefaultValue("请回复数字:1 已解决且满意,2 已解决基本满意,3 已解决但不满意,4 未解决")
        String smsQuestion) {}
