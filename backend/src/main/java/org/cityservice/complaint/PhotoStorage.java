package org.cityservice.complaint;

import reactor.core.publisher.Mono;

/**
 * Where photo bytes live, chosen by {@code app.uploads.storage}: local disk ({@link LocalPhotoStorage},
 * the default) or an S3-compatible object store ({@link S3PhotoStorage}). Who may see a photo and
 * whether it is attached to a case is kept in Redis, not here.
 */
interface PhotoStorage {

    Mono<Void> put(String id, String mediaType, byte[] bytes);

    /** Empty when there is no such photo. */
    Mono<byte[]> get(String id);

    /** Gone afterwards; deleting a photo that is not there is no error. */
    Mono<Void> delete(String id);
}
