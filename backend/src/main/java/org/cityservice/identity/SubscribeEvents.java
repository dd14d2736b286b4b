package org.cityservice.identity;

import java.util.Map;
import org.cityservice.wechat.WechatEvents;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Subscribe decisions pushed by WeChat: an accept in a popup adds a grant (unless the mini-program
 * already reported the same accept: {@link SubscribeGrants#accept}); switching a template off in
 * the settings takes every grant of it away. Pushes for openids that never logged in are ignored.
 */
@Component
class SubscribeEvents implements WechatEvents {

    private final ResidentStore residents;
    private final SubscribeGrants grants;

    SubscribeEvents(ResidentStore residents, SubscribeGrants grants) {
        this.residents = residents;
        this.grants = grants;
    }

    @Override
    public Mono<Void> subscribeDecisions(String openid, Map<String, String> decisions, boolean popup) {
        return residents
                .idOf(openid)
                .flatMapMany(residentId -> Flux.fromIterable(decisions.entrySet())
                        .concatMap(decision -> {
                            if (popup && "accept".equals(decision.getValue())) {
                                return grants.accept(residentId, decision.getKey(), SubscribeGrants.Source.PUSH)
                                        .then();
                            }
                            if (!popup && "reject".equals(decision.getValue())) {
                                return grants.zero(residentId, decision.getKey());
                            }
                            return Mono.<Void>empty();
                        }))
                .then();
    }
}
