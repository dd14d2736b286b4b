package org.cityservice.complaint;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where uploaded photos live and how long one may wait to be named in a report.
 *
 * @param storage        {@code local} (files under {@code dir}) or {@code s3} (an S3-compatible object store)
 * @param unattached     how long a photo nobody attached is kept before the cleanup deletes it
 * @param maxPerHour     uploads one account may make per clock hour (Asia/Shanghai); more are 429
 * @param maxUnattached  bytes one account may hold in photos not yet in a case; more are 409
 * @param minFreeDisk    local storage refuses new photos (503) when the disk would have less free than this
 * @param cleanupInterval how often photos past {@code unattached} are deleted
 */
@ConfigurationProperties("app.uploads")
public record UploadProperties(
        @DefaultValue("local") Storage storage,
        @DefaultValue("./data/photos") Path dir,
        @DefaultValue("24h") Duration unattached,
        @DefaultValue("30") int maxPerHour,
        @DefaultValue("30MB") DataSize maxUnattached,
        @DefaultValue("1GB") DataSize minFreeDisk,
        @DefaultValue S3 s3,
        @DefaultValue("10m") Duration cleanupInterval) {

    public enum Storage {
        LOCAL,
        S3
    }

    /**
     * @param endpoint  the store's URL (MinIO, Tencent COS, Aliyun OSS…); unset means AWS itself
     * @param pathStyle {@code host/bucket/key} instead of {@code bucket.host/key}; most self-hosted stores want it
     * @param prefix    put before every photo id, so one bucket can serve several uses
     */
    public record S3(
            URI endpoint,
            @DefaultValue("us-east-1") String region,
            String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("photos/") String prefix,
            @DefaultValue("10s") Duration timeout) {}
}
