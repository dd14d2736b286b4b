package org.cityservice.shared;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of an events stream a feature publishes (docs/redis-keys.md): its stream id and fields. */
public record StreamEvent(String id, Map<String, String> fields) {

    public @Nullable String type() {
        return fields.get("type");
    }

    public @Nullable String get(String field) {
        String value = fields.get(field);
        return value == null || value.isEmpty() ? null : value;
    }
}
