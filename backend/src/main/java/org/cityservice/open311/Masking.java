package org.cityservice.open311;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a public read may show of text a person wrote: 18-digit resident ID numbers hidden entirely,
 * mobile numbers as 138****5678 (as everywhere else in the project), and any other run of seven or
 * more digits (landlines, numbers with +86 or separators) hidden. Dates and house numbers stay.
 */
final class Masking {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE =
            Pattern.compile("(?<!\\d)(?:\\+?86[ -]?)?(1[3-9]\\d)[ -]?\\d{4}[ -]?(\\d{4})(?!\\d)");
    private static final Pattern OTHER_NUMBER = Pattern.compile("(?<!\\d)(?:\\(?0\\d{2,3}\\)?[ -]?)?\\d{7,}(?!\\d)");

    private Masking() {}

    static @Nullable String mask(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String masked = ID_NUMBER.matcher(text).replaceAll("******************");
        masked = MOBILE.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(2)));
        return OTHER_NUMBER
                .matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("\\d", "*")));
    }
}
