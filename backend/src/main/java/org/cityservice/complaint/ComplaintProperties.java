package org.cityservice.complaint;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trackingPrefix the first letters of every tracking number, e.g. {@code JZ} for 焦作
 * @param maxPerHour     submissions a resident may make in one clock hour
 * @param routingRadius  how far from the reported place a community station may be to take the case (metres)
 * @param categories     what residents can report, with the time limit of each stage
 * @param sweepInterval  how often the 督办 sweep marks cases yellow (80 % of a stage's time used) or red (past it)
 * @param noticeInterval how often due status notices are sent
 */
@ConfigurationProperties("app.complaints")
public record ComplaintProperties(
        @DefaultValue("JZ") String trackingPrefix,
        @DefaultValue("10") int maxPerHour,
        @DefaultValue("20000") int routingRadius,
        @DefaultValue List<Category> categories,
        @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("10s") Duration noticeInterval) {

    /**
     * @param code  stable, what clients send
     * @param name  what residents read, e.g. 占道经营
     * @param group the family it belongs to, e.g. 市容环境
     */
    public record Category(
            String code,
            String name,
            String group,
            @DefaultValue StageLimits limits) {}

    /** How long each stage may take, counted in working time ({@link TimeLimitPolicy} applies it). */
    public record StageLimits(
            @DefaultValue("2h") Duration register,
            @DefaultValue("4h") Duration dispatch,
            @DefaultValue("3d") Duration handle,
            @DefaultValue("1d") Duration verify) {}

    public @Nullable Category category(@Nullable String code) {
        return categories.stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElse(null);
    }
}
