package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.stub.objectstore.ObjectStorePlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The S3 adapter through the real AWS SDK against the local object store, which checks every signature. */
class S3PhotoStorageTest {

    private static final String BUCKET = "photos-test";
    private static ObjectStorePlatform store;
    private static S3PhotoStorage storage;

    @BeforeAll
    static void start() {
        store = ObjectStorePlatform.start(0, "test-access", "test-secret-0123");
        storage = new S3PhotoStorage(properties("test-secret-0123"));
    }

    @AfterAll
    static void stop() {
        storage.close();
        store.close();
    }

    @BeforeEach
    void emptyBucket() {
        store.reset();
        store.createBucket(BUCKET);
    }

    @Test
    void aPhotoIsPutUnderItsPrefixWithItsMediaTypeAndReadBack() {
        byte[] bytes = TestPhotos.jpeg();
        storage.put("ph-01", "image/jpeg", bytes).block();

        ObjectStorePlatform.StoredObject stored = store.objects(BUCKET).get("photos/ph-01");
        assertThat(stored.bytes()).isEqualTo(bytes);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(storage.get("ph-01").block()).isEqualTo(bytes);
    }

    @Test
    void aMissingPhotoIsEmptyAndDeletingIsIdempotent() {
        assertThat(storage.get("ph-none").blockOptional()).isEmpty();
        storage.put("ph-02", "image/png", TestPhotos.png()).block();
        storage.delete("ph-02").block();
        storage.delete("ph-02").block();
        assertThat(store.objects(BUCKET)).isEmpty();
        assertThat(storage.get("ph-02").blockOptional()).isEmpty();
    }

    @Test
    void aWrongSecretIsRefusedByTheStoreAndAnswersAsUnavailable() {
        S3PhotoStorage wrong = new S3PhotoStorage(properties("not-the-secret"));
        try {
            assertThatThrownBy(() ->
                            wrong.put("ph-03", "image/jpeg", TestPhotos.jpeg()).block())
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
            assertThat(store.objects(BUCKET)).isEmpty();
        } finally {
            wrong.close();
        }
    }

    @Test
    void aBriefOverloadIsRetriedByTheSdk() {
        store.answerUnavailable(1);
        storage.put("ph-04", "image/jpeg", TestPhotos.jpeg()).block();
        assertThat(store.objects(BUCKET)).containsKey("photos/ph-04");
    }

    private static UploadProperties properties(String secret) {
        return new UploadProperties(
                UploadProperties.Storage.S3,
                null,
                Duration.ofHours(24),
                30,
                DataSize.ofMegabytes(30),
                DataSize.ofGigabytes(1),
                new UploadProperties.S3(
                        URI.create(store.url()),
                        "us-east-1",
                        BUCKET,
                        "test-access",
                        secret,
                        true,
                        "photos/",
                        Duration.ofSeconds(5)),
                Duration.ofMinutes(10));
    }
}
