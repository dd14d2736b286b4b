package org.cityservice.redis;

import java.util.Map;

/** Reading back a hash the application wrote: a field it always writes is required, and its absence is corruption. */
public final class StoredFields {

    private StoredFields() {}

    public static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("stored hash lacks its field '" + name + "'");
        }
        return value;
    }
}
