package org.cityservice.complaint;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A step of a case the platform it came from hears of (a hotline's 签收, 派遣, 办理, 办结, 退回, 重办 and the follow-up
 * survey's result), as it waits in the case's outbox ({@link PlatformOutbox}) until the platform acknowledges it.
 *
 * @param id     unique per case and step ({@code <trackingNo>:<version>}, or {@code <trackingNo>:survey:<survey id>}): a
 *               platform that is sent one twice (it acknowledged, we did not hear) knows it by this
 * @param text   what the step says in words: the handling result, the reason for returning, the note
 * @param unit   who works the case after the step (the station's name), when the step names one
 * @param survey the answer, on SURVEYED
 */
public record PlatformUpdate(
        String id,
        String trackingNo,
        String platform,
        String orderId,
        Step step,
        Instant at,
        @Nullable String text,
        @Nullable String unit,
        @Nullable Survey survey) {

    /** The steps a platform follows. */
    public enum Step {
        SIGNED,
        DISPATCHED,
        HANDLED,
        CLOSED,
        RETURNED,
        REOPENED,
        SURVEYED
    }

    /** A follow-up survey's outcome: {@code result} is an answer ({@code SATISFIED}, …) or why there is none ({@code EXPIRED}). */
    public record Survey(
            String result, String label, @Nullable String solved) {}

    /** The survey's result for a case from a platform. */
    public static PlatformUpdate surveyed(
            Complaint.External external, String trackingNo, String surveyId, Instant at, @Nullable Survey survey) {
        return new PlatformUpdate(
                trackingNo + ":survey:" + surveyId,
                trackingNo,
                external.platform(),
                external.orderId(),
                Step.SURVEYED,
                at,
                null,
                null,
                survey);
    }
}
