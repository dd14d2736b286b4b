package org.cityservice.complaint;

import org.cityservice.identity.PersonalData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * When a resident deletes their account, their cases stay for the statistics but lose the contact
 * phone, their pending status notices, the list of "my cases" and the cases they follow (附议) go; what remains points at a resident id that no longer
 * exists. A case moved by staff meanwhile is read again and erased all the same.
 */
@Component
class ComplaintErasure implements PersonalData {

    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final Followers followers;

    ComplaintErasure(ComplaintStore store, ComplaintKeys keys, Followers followers) {
        this.store = store;
        this.keys = keys;
        this.followers = followers;
    }

    @Override
    public Mono<Void> erase(String residentId) {
        return store.casesOf(residentId)
                .concatMap(this::eraseContact)
                .thenMany(Flux.fromIterable(keys.homes()))
                .concatMap(home -> store.dropNotices(home, residentId))
                .then(store.forgetResident(residentId))
                .then(followers.forget(residentId))
                .thenMany(Flux.fromIterable(keys.homes()))
                .concatMap(store::confirm)
                .then();
    }

    private Mono<Void> eraseContact(String trackingNo) {
        return store.find(trackingNo)
                .filter(complaint -> complaint.contactPhone() != null)
                .flatMap(complaint -> store.eraseContact(complaint))
                .flatMap(outcome ->
                        outcome == ComplaintStore.Erasure.MOVED ? eraseContact(trackingNo) : Mono.<Void>empty());
    }
}
