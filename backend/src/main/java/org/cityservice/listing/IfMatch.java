package org.cityservice.listing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;

/** The version a change is based on, from {@code If-Match: "3"} (the ETag we hand out). */
final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private IfMatch() {}

    static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(ProblemType.PRECONDITION_REQUIRED, "修改或删除时请在 If-Match 请求头中带上当前版本号(读取时的 ETag)");
        }
        Matcher m = VERSION.matcher(header.trim());
        if (!m.matches()) {
            throw new ApiException(ProblemType.BAD_REQUEST, "If-Match 应为版本号,例如 \"3\"");
        }
        return Long.parseLong(m.group(1));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
