package org.cityservice.identity;

import org.jspecify.annotations.Nullable;

/** How a phone number is shown: {@code 138****1234}, everywhere but where staff must call back. */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    public static @Nullable String mask(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 7) {
            return "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
