package org.cityservice.identity;

import java.time.Duration;
import java.util.List;
import org.cityservice.identity.ResidentStore.PendingErasure;
import org.cityservice.redis.AofRewrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deleting a resident's account: every feature's personal data of the resident ({@link PersonalData}: the contact
 * phone of her cases, her surveys…), then her own keys ({@link ResidentStore#erase}), then a rewrite of the
 * append-only file asked for, which still holds what was deleted. The steps lie in several slots, so the deletion is
 * noted before the first and the note cleared after the last; {@link #finishStopped} (run by {@link
 * PendingErasureJob}) does again, whole, a deletion whose note is older than a minute: every step may run twice.
 */
@Component
class AccountDeletion {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    private final ResidentStore residents;
    private final List<PersonalData> elsewhere;
    private final AofRewrite aofRewrite;

    AccountDeletion(ResidentStore residents, List<PersonalData> elsewhere, AofRewrite aofRewrite) {
        this.residents = residents;
        this.elsewhere = elsewhere;
        this.aofRewrite = aofRewrite;
    }

    Mono<Void> delete(Resident resident) {
        return residents.noteErasure(resident).flatMap(this::erase);
    }

    /** Deletions noted longer than {@code after} ago and not done, done now: how many. */
    Mono<Long> finishStopped(Duration after) {
        return residents
                .stoppedErasures(after)
                .concatMap(pending -> erase(pending).thenReturn(1L).onErrorResume(error -> {
                    log.warn(
                            "Account deletion of {} not finished; the next run tries again: {}",
                            pending.residentId(),
                            error.toString());
                    return Mono.just(0L);
                }))
                .reduce(0L, Long::sum);
    }

    private Mono<Void> erase(PendingErasure pending) {
        return Flux.fromIterable(elsewhere)
                .concatMap(holder -> holder.erase(pending.residentId()))
                .then(residents.erase(pending))
                .then(aofRewrite.afterErasure())
                .then(residents.clearErasure(pending));
    }
}
