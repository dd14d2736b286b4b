package org.cityservice.complaint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Photos as files under {@code app.uploads.dir} (default {@code ./data/photos}), written to a
 * temporary name and moved into place, so a reader never sees half a photo. A new photo is refused
 * (503) while the disk would keep less than {@code app.uploads.min-free-disk} free, and a write that
 * fails (a full disk after all) is a 503 too, its partial file removed: the disk the Redis AOF may
 * share is never filled by photos. File I/O blocks: it runs on {@code boundedElastic}.
 */
@Component
@ConditionalOnProperty(name = "app.uploads.storage", havingValue = "local", matchIfMissing = true)
class LocalPhotoStorage implements PhotoStorage {

    private static final Logger log = LoggerFactory.getLogger(LocalPhotoStorage.class);

    private final Path dir;
    private final long minFree;

    LocalPhotoStorage(UploadProperties properties) {
        this.dir = properties.dir();
        this.minFree = properties.minFreeDisk().toBytes();
    }

    @Override
    public Mono<Void> put(String id, String mediaType, byte[] bytes) {
        return Mono.<Void>fromRunnable(() -> {
                    Path partial = null;
                    try {
                        Files.createDirectories(dir);
                        long free = Files.getFileStore(dir).getUsableSpace();
                        if (free - bytes.length < minFree) {
                            log.warn(
                                    "Photo refused: {} MB free on the photo disk, at least {} MB are kept free (app.uploads.min-free-disk)",
                                    free / 1_048_576,
                                    minFree / 1_048_576);
                            throw storageFull();
                        }
                        partial = Files.createTempFile(dir, id, ".partial");
                        Files.write(partial, bytes);
                        Files.move(partial, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        log.warn("Photo not written: {}", e.toString());
                        deleteQuietly(partial);
                        throw storageFull();
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static ApiException storageFull() {
        return new ApiException(
                ProblemType.SERVICE_UNAVAILABLE,
                "照片存储空间不足,暂时无法上传,请稍后再试",
                List.of(),
                Map.of(ProblemWriter.RETRY_AFTER, 600L));
    }

    private static void deleteQuietly(@Nullable Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            log.warn("Partial photo {} left behind: {}", partial.getFileName(), e.toString());
        }
    }

    @Override
    public Mono<byte[]> get(String id) {
        return Mono.fromCallable(() -> {
                    try {
                        return Files.readAllBytes(dir.resolve(id));
                    } catch (NoSuchFileException e) {
                        return null;
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> delete(String id) {
        return Mono.<Void>fromRunnable(() -> {
                    try {
                        Files.deleteIfExists(dir.resolve(id));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
