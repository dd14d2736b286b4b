package org.cityservice.wechat;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's limits on subscribe-message values, by the type prefix of the field key ({@code thing3}
 * is a {@code thing}). A value over its limit makes WeChat refuse the whole message (47003), so
 * values are cut to fit instead: text types end in "…" to show something was left out.
 */
public final class TemplateFields {

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
    private static final Map<String, Boolean> ELLIPSIS = Map.of("thing", true, "name", true);

    private TemplateFields() {}

    public static String fit(String key, @Nullable String value) {
        if (value == null) {
            return "";
        }
        Integer max = MAX_LENGTH.get(key.replaceAll("\\d+$", ""));
        int length = value.codePointCount(0, value.length());
        if (max == null || length <= max) {
            return value;
        }
        boolean ellipsis = ELLIPSIS.containsKey(key.replaceAll("\\d+$", ""));
        int keep = ellipsis ? max - 1 : max;
        String cut = value.substring(0, value.offsetByCodePoints(0, keep));
        return ellipsis ? cut + "…" : cut;
    }
}
