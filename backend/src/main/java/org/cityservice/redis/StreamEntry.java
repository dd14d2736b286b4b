package org.cityservice.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event or audit entry as a script takes it ({@code lib/stream-entry.lua}): one argument, a JSON array of the
 * field names and values in order. A missing value is written empty: a stream field cannot be null.
 */
public final class StreamEntry {

    private StreamEntry() {}

    public static String argument(JsonMapper json, Map<String, String> fields) {
        List<String> flat = new ArrayList<>(fields.size() * 2);
        fields.forEach((name, value) -> {
            flat.add(name);
            flat.add(value == null ? "" : value);
        });
        return json.writeValueAsString(flat);
    }
}
