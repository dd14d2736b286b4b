package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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

    /** A report or step is written within seconds of claiming its photos; a claim this old was left by one that failed. */
    static final Duration CLAIM_SETTLED_WITHIN = Duration.ofMinutes(10);

    private final PhotoRecords records;
    private final PhotoStorage storage;
    private final UploadProperties properties;
    private final ComplaintStore cases;

    /** How long one shard's part of a run may take before the run goes on with the next. */
    private static final Duration SHARD_TIMEOUT = Duration.ofSeconds(5);

    private final AtomicInteger sweeps = new AtomicInteger();

    PhotoCleanup(PhotoRecords records, PhotoStorage storage, UploadProperties properties, ComplaintStore cases) {
        this.records = records;
        this.storage = storage;
        this.properties = properties;
        this.cases = cases;
    }

    /** One sweep at {@code now}; how many photos were deleted. */
    Mono<Long> sweep(Instant now) {
        Instant cutoff = now.minus(properties.unattached());
        List<String> tags = records.tags();
        int first = Math.floorMod(sweeps.getAndIncrement(), tags.size());
        return Flux.range(0, tags.size())
                .map(i -> tags.get((first + i) % tags.size()))
                .concatMap(tag -> sweep(tag, now, cutoff)
                        // one shard that cannot be reached holds up none of the others, nor always the same ones: each
                        // run starts at the next shard
                        .timeout(SHARD_TIMEOUT)
                        .onErrorResume(error -> {
                            log.warn("Photos of {} not cleaned up now: {}", tag, error.toString());
                            return Mono.just(0L);
                        }))
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Deleted {} photos never attached to a case", deleted);
                    }
                });
    }

    private Mono<Long> sweep(String tag, Instant now, Instant cutoff) {
        return settleClaims(tag, now)
                .thenMany(records.unattachedBefore(tag, cutoff, BATCH))
                .collectList()
                .flatMap(candidates -> candidates.isEmpty()
                        ? Mono.empty()
                        : records.markForDeletion(tag, candidates, cutoff, now).then())
                .thenMany(records.beingDeleted(tag, BATCH))
                .concatMap(id -> storage.delete(id).then(records.forget(id)).thenReturn(id))
                .count();
    }

    /**
     * Claims older than {@link #CLAIM_SETTLED_WITHIN} were left by a report or step that failed after claiming (or
     * whose settling was lost): a photo its case names stays attached, one it does not name waits again to be named.
     */
    private Mono<Void> settleClaims(String tag, Instant now) {
        return records.claimedBefore(tag, now.minus(CLAIM_SETTLED_WITHIN), BATCH)
                .concatMap(id -> records.meta(id)
                        .flatMap(meta -> {
                            String trackingNo = meta.get("case");
                            if (trackingNo == null) {
                                return records.settled(id);
                            }
                            return named(trackingNo, id).flatMap(named -> {
                                if (named) {
                                    return records.settled(id);
                                }
                                log.info(
                                        "Photo {} was claimed for {}, which does not name it: it waits again",
                                        id,
                                        trackingNo);
                                String at = meta.get("at");
                                return records.release(id, trackingNo, at == null ? now : Instant.parse(at))
                                        .then();
                            });
                        })
                        .switchIfEmpty(records.settled(id)))
                .then();
    }

    /** Whether the case names the photo: in its report, or in a step of its timeline. */
    private Mono<Boolean> named(String trackingNo, String photoId) {
        return cases.find(trackingNo)
                .flatMap(found -> found.photos().contains(photoId)
                        ? Mono.just(true)
                        : cases.timeline(trackingNo)
                                .map(timeline -> timeline.stream()
                                        .anyMatch(entry -> entry.photos().contains(photoId))))
                .defaultIfEmpty(false);
    }
}
