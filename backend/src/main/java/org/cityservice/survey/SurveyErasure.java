package org.cityservice.survey;

import org.cityservice.identity.PersonalData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A resident who deletes their account is not asked any more and their number is forgotten: each
 * of their surveys loses its phone (and its place in the reply index). Answers stay, unlinked
 * from the person, for the statistics.
 */
@Component
class SurveyErasure implements PersonalData {

    private final SurveyStore store;

    SurveyErasure(SurveyStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> erase(String residentId) {
        return store.forgetPhones(residentId).then(store.confirm());
    }
}
