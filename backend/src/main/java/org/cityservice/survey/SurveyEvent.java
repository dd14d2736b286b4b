package org.cityservice.survey;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cityservice.redis.StoredFields;
import org.cityservice.shared.StreamEvent;
import org.jspecify.annotations.Nullable;

/**
 * One event of a survey on its shard's events stream ({@code cs:{survey:<code>}:events}): what the statistics need
 * without reading surveys.
 * {@link #fields()} and {@link #of(StreamEvent)} are its one codec to and from the stream's fields.
 *
 * @param category     and {@code district}, {@code subdistrict}, {@code stationId}: the case's, null when it has none
 * @param channel      how the survey was sent; null before it was
 * @param solved       and {@code satisfaction}, {@code via}: the answer, on ANSWERED; null on every other type
 * @param satisfaction null when the resident said "not solved" by SMS (reply 4 asks no more)
 */
public record SurveyEvent(
        Type type,
        String survey,
        String trackingNo,
        @Nullable String category,
        @Nullable String district,
        @Nullable String subdistrict,
        @Nullable String stationId,
        Instant closedAt,
        Survey.@Nullable Channel channel,
        SurveyAnswer.@Nullable Solved solved,
        SurveyAnswer.@Nullable Satisfaction satisfaction,
        @Nullable String via,
        Instant at) {

    /** A step of a survey's life. */
    public enum Type {
        SCHEDULED,
        DEFERRED,
        SENT,
        REMINDED,
        EXPIRED,
        UNREACHABLE,
        ANSWERED
    }

    static SurveyEvent of(Survey survey, Type type, Instant at) {
        SurveyAnswer answer = survey.answer();
        return new SurveyEvent(
                type,
                survey.id(),
                survey.trackingNo(),
                survey.category(),
                survey.district(),
                survey.subdistrict(),
                survey.stationId(),
                survey.closedAt(),
                survey.channel(),
                answer == null ? null : answer.solved(),
                answer == null ? null : answer.satisfaction(),
                answer == null ? null : answer.via(),
                at);
    }

    /** Whether this is the reporter's survey (a follower's 附议 survey is not). */
    public boolean ofReporter() {
        return Survey.reporters(survey, trackingNo);
    }

    /** The stream fields, name → value, without the absent ones. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type.name());
        fields.put("survey", survey);
        fields.put("trackingNo", trackingNo);
        put(fields, "category", category);
        put(fields, "district", district);
        put(fields, "subdistrict", subdistrict);
        put(fields, "stationId", stationId);
        fields.put("closedAt", closedAt.toString());
        put(fields, "channel", channel);
        put(fields, "solved", solved);
        put(fields, "satisfaction", satisfaction);
        put(fields, "via", via);
        fields.put("at", at.toString());
        return fields;
    }

    /**
     * Reads an event back; what a kind of event never carries is null. {@link #fields()} always writes type, survey,
     * trackingNo, closedAt and at.
     */
    public static SurveyEvent of(StreamEvent event) {
        Map<String, String> written = event.fields();
        return new SurveyEvent(
                Type.valueOf(StoredFields.required(written, "type")),
                StoredFields.required(written, "survey"),
                StoredFields.required(written, "trackingNo"),
                event.get("category"),
                event.get("district"),
                event.get("subdistrict"),
                event.get("stationId"),
                Instant.parse(StoredFields.required(written, "closedAt")),
                parse(event.get("channel"), Survey.Channel.class),
                parse(event.get("solved"), SurveyAnswer.Solved.class),
                parse(event.get("satisfaction"), SurveyAnswer.Satisfaction.class),
                event.get("via"),
                Instant.parse(StoredFields.required(written, "at")));
    }

    private static void put(Map<String, String> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static <E extends Enum<E>> @Nullable E parse(@Nullable String value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
