package org.cityservice.stub.wechat;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's limits on subscribe-message data, by the type prefix of the field key ({@code thing1} is a
 * {@code thing}). A value over its limit makes the platform refuse the whole message with 47003.
 */
final class TemplateFieldLimits {

    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "thing",
            20,
            "character_string",
            32,
            "number",
            32,
            "letter",
            32,
            "symbol",
            5,
            "phrase",
            5,
            "name",
            10,
            "phone_number",
            17,
            "car_number",
            8,
            "amount",
            32);

    private TemplateFieldLimits() {}

    /** @return null when the value fits, else why not */
    static @Nullable String violation(String key, @Nullable String value) {
        String type = key.replaceAll("\\d+$", "");
        Integer max = MAX_LENGTH.get(type);
        if (value == null) {
            return key + " has no value";
        }
        if (max != null && value.codePointCount(0, value.length()) > max) {
            return key + " longer than " + max;
        }
        return null;
    }
}
