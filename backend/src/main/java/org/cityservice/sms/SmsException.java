package org.cityservice.sms;

import org.jspecify.annotations.Nullable;

/**
 * The provider did not take a message. {@code permanent}: it never will (a wrong or unreachable
 * number, a template it does not know); otherwise a later try may work (outage, rate limit).
 */
public class SmsException extends RuntimeException {

    private final String code;
    private final boolean permanent;

    public SmsException(String code, boolean permanent, @Nullable String message) {
        super(message);
        this.code = code;
        this.permanent = permanent;
    }

    /** The provider's error code, e.g. {@code InvalidParameterValue.IncorrectPhoneNumber}. */
    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }
}
