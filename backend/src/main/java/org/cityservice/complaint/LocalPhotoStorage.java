package org.cityservice.complaint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Photos as files under {@code app.uploads.dir} (default {@code ./data/photos}), written to a
 * temporary name and moved into place, so a reader never sees half a photo. File I/O blocks: it
 * runs on {@code boundedElastic}.
 */
@Component
@ConditionalOnProperty(name = "app.uploads.storage", havingValue = "local", matchIfMissing = true)
class LocalPhotoStorage implements PhotoStorage {

    private final Path dir;

    LocalPhotoStorage(UploadProperties properties) {
        this.dir = properties.dir();
    }

    @Override
    public Mono<Void> put(String id, String mediaType, byte[] bytes) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, id, ".partial");
                Files.write(partial, bytes);
                Files.move(partial, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<byte[]> get(String id) {
        return Mono.fromCallable(() -> {
            try {
                return Files.readAllBytes(dir.resolve(id));
            } catch (NoSuchFileException e) {
                return null;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> delete(String id) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                Files.deleteIfExists(dir.resolve(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
