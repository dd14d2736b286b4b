package org.cityservice.complaint;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.StoredFields;
import org.cityservice.shared.StreamEvent;
import org.jspecify.annotations.Nullable;

/**
 * One event of a case on the complaint events stream, as the features that react to it read it
 * (notices, surveys, statistics, the console's live queue): the contract between modules, compiled.
 * {@link #fields()} and {@link #of(StreamEvent)} are its one codec to and from the stream's fields.
 *
 * @param from      the status before a step or re-routing
 * @param status    the status at an escalation (a step's is its type)
 * @param version   the case's version after a step
 * @param late      a step that came after the limit of the stage it ends (the response and on-time rates count it)
 * @param level     the 督办 level an escalation marked
 * @param into      the earlier case a duplicate was merged into
 * @param followers the residents following the case when it closed (each is asked the survey); written by move.lua
 * @param channel   where a case came from when not the mini-program (e.g. {@code open311}), on RECEIVED
 */
public record ComplaintEvent(
        Type type,
        String trackingNo,
        @Nullable ComplaintAction action,
        @Nullable ComplaintStatus from,
        @Nullable ComplaintStatus status,
        @Nullable String residentId,
        @Nullable String category,
        @Nullable String district,
        @Nullable String subdistrict,
        @Nullable String stationId,
        @Nullable Long version,
        boolean late,
        Deadline.@Nullable Alert level,
        @Nullable String into,
        List<String> followers,
        Instant at,
        @Nullable String channel) {

    /** A case was received, reached a status by a step, was re-routed or escalated. */
    public enum Type {
        RECEIVED,
        REGISTERED,
        REJECTED,
        DISPATCHED,
        HANDLED,
        VERIFIED,
        CLOSED,
        REOPENED,
        REROUTED,
        ESCALATED;

        static Type reached(ComplaintStatus status) {
            return valueOf(status.name());
        }
    }

    static ComplaintEvent received(Complaint c) {
        return new ComplaintEvent(
                Type.RECEIVED,
                c.trackingNo(),
                null,
                null,
                null,
                null,
                c.category(),
                c.routing().district(),
                c.routing().subdistrict(),
                c.routing().stationId(),
                null,
                false,
                null,
                null,
                List.of(),
                c.createdAt(),
                c.channel());
    }

    /** A step of the closed loop (the type is the status reached), a re-routing or a merge. */
    static ComplaintEvent stepped(Complaint before, Complaint after, ComplaintAction action, Instant at) {
        Type type = action == ComplaintAction.REROUTE ? Type.REROUTED : Type.reached(after.status());
        return new ComplaintEvent(
                type,
                after.trackingNo(),
                action,
                before.status(),
                null,
                after.residentId(),
                after.category(),
                after.routing().district(),
                after.routing().subdistrict(),
                after.routing().stationId(),
                after.version(),
                before.deadline() != null && at.isAfter(before.deadline().dueAt()),
                null,
                null,
                List.of(),
                at,
                null);
    }

    ComplaintEvent mergedInto(String earlier) {
        return new ComplaintEvent(
                type,
                trackingNo,
                action,
                from,
                status,
                residentId,
                category,
                district,
                subdistrict,
                stationId,
                version,
                late,
                level,
                earlier,
                followers,
                at,
                channel);
    }

    static ComplaintEvent escalated(Complaint c, Deadline.Alert level, Instant at) {
        return new ComplaintEvent(
                Type.ESCALATED,
                c.trackingNo(),
                null,
                null,
                c.status(),
                null,
                null,
                c.routing().district(),
                null,
                c.routing().stationId(),
                null,
                false,
                level,
                null,
                List.of(),
                at,
                null);
    }

    /** The stream fields, name → value, without the absent ones. */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type.name());
        fields.put("trackingNo", trackingNo);
        put(fields, "action", action);
        put(fields, "from", from);
        put(fields, "status", status);
        put(fields, "level", level);
        put(fields, "residentId", residentId);
        put(fields, "category", category);
        put(fields, "district", district);
        put(fields, "subdistrict", subdistrict);
        put(fields, "stationId", stationId);
        put(fields, "version", version);
        if (action != null) {
            fields.put("late", Boolean.toString(late));
        }
        put(fields, "into", into);
        put(fields, "channel", channel);
        fields.put("at", at.toString());
        return fields;
    }

    /** Reads an event back; fields a kind of event never carries (or an older event lacks) are null. */
    public static ComplaintEvent of(StreamEvent event) {
        String followers = event.get("followers");
        String version = event.get("version");
        return new ComplaintEvent(
                Type.valueOf(StoredFields.required(event.fields(), "type")),
                StoredFields.required(event.fields(), "trackingNo"),
                parse(event.get("action"), ComplaintAction.class),
                parse(event.get("from"), ComplaintStatus.class),
                parse(event.get("status"), ComplaintStatus.class),
                event.get("residentId"),
                event.get("category"),
                event.get("district"),
                event.get("subdistrict"),
                event.get("stationId"),
                version == null ? null : Long.valueOf(version),
                "true".equals(event.get("late")),
                parse(event.get("level"), Deadline.Alert.class),
                event.get("into"),
                followers == null
                        ? List.of()
                        : Arrays.stream(followers.split(","))
                                .filter(id -> !id.isEmpty())
                                .toList(),
                Instant.parse(StoredFields.required(event.fields(), "at")),
                event.get("channel"));
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
