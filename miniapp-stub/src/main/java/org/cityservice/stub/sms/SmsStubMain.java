package org.cityservice.stub.sms;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the Tencent Cloud SMS stand-in on its own (the survey benchmark points two backends at one):
 * {@code SMS_STUB_PORT} (default 9913), {@code SMS_SECRET_ID}, {@code SMS_SECRET_KEY} and
 * {@code SMS_SDK_APP_ID} as the backend is configured.
 */
public final class SmsStubMain {

    private SmsStubMain() {}

    public static void main(String[] args) throws InterruptedException {
        SmsPlatform platform = SmsPlatform.start(
                Integer.parseInt(env("SMS_STUB_PORT", "9913")),
                env("SMS_SECRET_ID", "local-secret-id"),
                env("SMS_SECRET_KEY", "local-secret-key"),
                env("SMS_SDK_APP_ID", "1400000000"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        System.out.println("SMS stand-in listening on " + platform.url() + " (control API under /_stub/)");
        new CountDownLatch(1).await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
