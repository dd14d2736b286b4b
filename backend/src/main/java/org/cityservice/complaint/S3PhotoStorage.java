package org.cityservice.complaint;

import java.time.Duration;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Photos in an S3-compatible object store ({@code app.uploads.storage=s3}): one object per photo
 * under {@code prefix + id}, with its media type. The SDK's client blocks, so every call runs on
 * {@code boundedElastic}; a store that fails or is slower than {@code timeout} is a 503 problem
 * for the one request, not a stuck event loop.
 */
@Component
@ConditionalOnProperty(name = "app.uploads.storage", havingValue = "s3")
class S3PhotoStorage implements PhotoStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3PhotoStorage.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3PhotoStorage(UploadProperties properties) {
        UploadProperties.S3 config = properties.s3();
        if (config.bucket() == null || config.accessKey() == null || config.secretKey() == null) {
            throw new IllegalStateException(
                    "app.uploads.storage=s3 needs app.uploads.s3.bucket, access-key and secret-key");
        }
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.s3 = client(config);
    }

    static S3Client client(UploadProperties.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                // Since 2.30 the SDK adds CRC checksums to every upload by default, which several
                // S3-compatible stores (older MinIO, COS, OSS) refuse; ask for them only where S3 requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(config.timeout()))
                .overrideConfiguration(o -> o.apiCallTimeout(config.timeout()));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    @Override
    public Mono<Void> put(String id, String mediaType, byte[] bytes) {
        return call(() -> {
                    s3.putObject(
                            b -> b.bucket(bucket).key(prefix + id).contentType(mediaType),
                            RequestBody.fromBytes(bytes));
                    return null;
                })
                .then();
    }

    @Override
    public Mono<byte[]> get(String id) {
        return call(() -> {
            try {
                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + id))
                        .asByteArray();
            } catch (NoSuchKeyException e) {
                return null;
            }
        });
    }

    @Override
    public Mono<Void> delete(String id) {
        return call(() -> {
                    s3.deleteObject(b -> b.bucket(bucket).key(prefix + id));
                    return null;
                })
                .then();
    }

    private <T> Mono<T> call(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic()).onErrorMap(SdkException.class, e -> {
            log.warn("Object store call failed: {}", e.toString());
            return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "照片存储暂时不可用,请稍后再试");
        });
    }

    @Override
    public void close() {
        s3.close();
    }
}
