package org.cityservice.complaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;

/**
 * Where a console's live events stand in each complaint event stream (one per home,
 * {@link ComplaintDirectory#eventStreams}), as it is sent for {@code Last-Event-ID}: the stream id alone while there is
 * one stream named "", otherwise {@code <stream>=<id>} for each stream, joined by commas.
 */
record CaseEventCursor(Map<String, String> positions) {

    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
    private static final Pattern STREAM_NAME = Pattern.compile("\\d{4}|");

    CaseEventCursor {
        positions = Map.copyOf(positions);
    }

    /**
     * The cursor a console sent back, covering {@code streams}: a stream it does not name (one that came after) is read
     * from the earliest time it names, so nothing after the console's last event is missed (a few before may come
     * again).
     */
    static CaseEventCursor parse(String text, List<String> streams) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? "" : part.substring(0, equals);
            String id = part.substring(equals + 1);
            if (!STREAM_ID.matcher(id).matches()
                    || !STREAM_NAME.matcher(name).matches()
                    || named.put(name, id) != null) {
                throw ApiException.invalid(
                        List.of(new FieldViolation("Last-Event-ID", "应为上次收到的事件编号,例如 1764000000000-0")));
            }
        }
        long earliest = named.values().stream()
                .mapToLong(id -> Long.parseUnsignedLong(id.substring(0, id.indexOf('-'))))
                .min()
                .orElse(0);
        Map<String, String> positions = new LinkedHashMap<>();
        for (String stream : streams) {
            positions.put(stream, named.getOrDefault(stream, Math.max(0, earliest - 1) + "-0"));
        }
        return new CaseEventCursor(positions);
    }

    String after(String stream) {
        return positions.getOrDefault(stream, "0-0");
    }

    CaseEventCursor with(String stream, String id) {
        Map<String, String> moved = new LinkedHashMap<>(positions);
        moved.put(stream, id);
        return new CaseEventCursor(moved);
    }

    /** As {@code Last-Event-ID} carries it, the streams in {@code order}. */
    String id(List<String> order) {
        if (order.size() == 1 && order.get(0).isEmpty()) {
            return after("");
        }
        StringBuilder id = new StringBuilder();
        for (String stream : order) {
            id.append(id.isEmpty() ? "" : ",").append(stream).append('=').append(after(stream));
        }
        return id.toString();
    }
}
