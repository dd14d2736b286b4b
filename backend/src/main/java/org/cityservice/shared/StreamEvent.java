package org.cityservice.shared;

import java.util.Map;

/** One entry of an events stream a feature publishes (docs/redis-keys.md): its stream id and fields. */
public record StreamEvent(String id, Map<String, String> fields) {

    public String type() {
        return fields.get("type");
    }

    public String get(String field) {
        String value = fields.get(field);
        return value == null || value.isEmpty() ? null : value;
    }
}
