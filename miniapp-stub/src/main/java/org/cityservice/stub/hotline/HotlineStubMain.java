package org.cityservice.stub.hotline;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the 12345 hotline stand-in on its own, for a backend started by hand: {@code HOTLINE_STUB_PORT}
 * (default 9914), {@code HOTLINE_PLATFORM_ID}, {@code HOTLINE_SECRET} and {@code HOTLINE_INTAKE_URL}
 * as the backend is configured. Orders are sent with {@code POST /_stub/orders}.
 */
public final class HotlineStubMain {

    private HotlineStubMain() {}

    public static void main(String[] args) throws InterruptedException {
        HotlinePlatform platform = HotlinePlatform.start(
                Integer.parseInt(env("HOTLINE_STUB_PORT", "9914")),
                env("HOTLINE_PLATFORM_ID", "henan-12345"),
                env("HOTLINE_SECRET", "local-hotline-secret"));
        platform.intakeUrl(env("HOTLINE_INTAKE_URL", "http://127.0.0.1:8080/hotline/v1/orders"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        System.out.println("12345 hotline stand-in listening on " + platform.url() + ", callbacks at "
                + platform.callbackUrl() + ", orders to " + platform.intakeUrl() + " (control API under /_stub/)");
        new CountDownLatch(1).await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
