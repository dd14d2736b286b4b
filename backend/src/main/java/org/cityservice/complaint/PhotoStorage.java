package org.cityservice.complaint;

import reactor.core.publisher.Mono;

/**
 * Where photo bytes live: local disk by default ({@link LocalPhotoStorage}); an S3-compatible
 * object store is the other adapter this port is shaped for (not built yet).
 */
interface PhotoStorage {

    Mono<Void> put(String id, byte[] bytes);

    /** Empty when there is no such photo. */
    Mono<byte[]> get(String id);
}
