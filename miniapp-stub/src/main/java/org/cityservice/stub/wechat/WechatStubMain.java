package org.cityservice.stub.wechat;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the WeChat stand-in on its own: {@code java -cp ... org.cityservice.stub.wechat.WechatStubMain}
 * with {@code WECHAT_STUB_PORT} (default 9911), {@code WECHAT_APPID}, {@code WECHAT_SECRET} and
 * {@code WECHAT_TOKEN} (the push token) and {@code WECHAT_AES_KEY} set to what the backend is configured with.
 */
public final class WechatStubMain {

    private WechatStubMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("WECHAT_STUB_PORT", "9911"));
        WechatPlatform platform = WechatPlatform.start(
                port,
                env("WECHAT_APPID", "wx-local-appid"),
                env("WECHAT_SECRET", "local-secret"),
                env("WECHAT_TOKEN", "local-push-token"),
                System.getenv("WECHAT_AES_KEY"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        System.out.println("WeChat stand-in listening on " + platform.url() + " (control API under /_stub/)");
        new CountDownLatch(1).await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
