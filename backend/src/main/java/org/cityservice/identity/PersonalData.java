package org.cityservice.identity;

import reactor.core.publisher.Mono;

/**
 * A feature that keeps personal data of residents outside identity (a complaint's contact phone,
 * say) implements this; deleting an account asks every one of them to erase or anonymise theirs
 * before the resident's own profile goes. Identity knows no feature: they come to it.
 */
public interface PersonalData {

    /** Erases or anonymises what this feature keeps about the resident; what must stay for statistics stays, unlinked. */
    Mono<Void> erase(String residentId);
}
