package org.cityservice.stub.objectstore;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the object store stand-in on its own, for trying the backend with
 * {@code app.uploads.storage=s3}: {@code S3_STUB_PORT} (default 9912), {@code S3_ACCESS_KEY},
 * {@code S3_SECRET_KEY} and {@code S3_BUCKET} (created at start) as the backend is configured.
 */
public final class ObjectStoreStubMain {

    private ObjectStoreStubMain() {}

    public static void main(String[] args) throws InterruptedException {
        ObjectStorePlatform platform = ObjectStorePlatform.start(
                Integer.parseInt(env("S3_STUB_PORT", "9912")),
                env("S3_ACCESS_KEY", "local-access-key"),
                env("S3_SECRET_KEY", "local-secret-key"));
        String bucket = env("S3_BUCKET", "cityservice-photos");
        platform.createBucket(bucket);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        System.out.println("Object store stand-in listening on " + platform.url() + " with bucket " + bucket);
        new CountDownLatch(1).await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
