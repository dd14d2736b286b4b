package org.cityservice.complaint;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes photos uploaded but never named in a report or a handling step within
 * {@code app.uploads.unattached} (24 hours): a resident who gave up half-way should not leave their
 * pictures behind. In two steps (docs/complaints.md): a script takes a photo out of reach of
 * reports and marks it, then its bytes and its record go; a crash in between is finished by the
 * next sweep, and a report racing the cleanup either attaches the photo first or is told it is gone.
 */
@Component
class PhotoCleanup {

    private static final Logger log = LoggerFactory.getLogger(PhotoCleanup.class);
    static final int BATCH = 200;

    private final PhotoRecords records;
    private final PhotoStorage storage;
    private final UploadProperties properties;

    PhotoCleanup(PhotoRecords records, PhotoStorage storage, UploadProperties properties) {
        this.records = records;
        this.storage = storage;
        this.properties = properties;
    }

    /** One sweep at {@code now}; how many photos were deleted. */
    Mono<Long> sweep(Instant now) {
        Instant cutoff = now.minus(properties.unattached());
        return records.unattachedBefore(cutoff, BATCH)
                .collectList()
                .flatMap(candidates -> candidates.isEmpty()
                        ? Mono.empty()
                        : records.markForDeletion(candidates, cutoff, now).then())
                .thenMany(records.beingDeleted(BATCH))
                .concatMap(id -> storage.delete(id).then(records.forget(id)).thenReturn(id))
                .count()
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Deleted {} photos never attached to a case", deleted);
                    }
                });
    }
}
