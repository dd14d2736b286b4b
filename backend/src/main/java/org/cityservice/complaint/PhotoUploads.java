package org.cityservice.complaint;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes in one photo within what one account may hold, so nobody fills the disk: at most
 * {@code app.uploads.max-per-hour} uploads per account per clock hour (429 with Retry-After), and at
 * most {@code app.uploads.max-unattached} bytes in photos not yet in a case (409: report first, or
 * wait for the unused ones to be cleaned up). The storage refuses on its own when the disk runs low.
 */
@Component
class PhotoUploads {

    /** A photo stored and recorded. */
    record Stored(String id, String mediaType, int size) {}

    private final PhotoStorage storage;
    private final PhotoRecords records;
    private final UploadProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PhotoUploads(PhotoStorage storage, PhotoRecords records, UploadProperties properties, Clock clock) {
        this.storage = storage;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts an upload against the hourly limit before its bytes are read. */
    Mono<Void> take(String owner) {
        return records.countUpload(owner, HourlyLimit.hour(clock))
                .flatMap(count -> HourlyLimit.within(
                        count,
                        properties.maxPerHour(),
                        clock,
                        minutes -> "每小时最多上传 " + properties.maxPerHour() + " 张照片,请 " + minutes + " 分钟后再试"));
    }

    /** Stores a clean photo and records it, or takes it away again when the owner's quota is full. */
    Mono<Stored> store(String owner, String mediaType, byte[] clean) {
        String id = newId(owner);
        Instant now = clock.instant();
        Map<String, String> meta = Map.of(
                "owner", owner, "mediaType", mediaType, "size", Integer.toString(clean.length), "at", now.toString());
        return storage.put(id, mediaType, clean)
                .then(records.save(
                        id,
                        owner,
                        clean.length,
                        properties.maxUnattached().toBytes(),
                        now,
                        properties.unattached().multipliedBy(2),
                        meta))
                .flatMap(saved -> saved
                        ? Mono.just(new Stored(id, mediaType, clean.length))
                        : storage.delete(id)
                                .then(Mono.error(new ApiException(
                                        ProblemType.UPLOAD_QUOTA_EXCEEDED,
                                        "您上传但尚未用于诉求的照片已超过 "
                                                + properties.maxUnattached().toMegabytes() + " MB,请先提交诉求;未使用的照片在 "
                                                + properties.unattached().toHours() + " 小时后自动清理"))));
    }

    private String newId(String owner) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return records.newId(owner, bytes);
    }
}
