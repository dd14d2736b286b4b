package org.cityservice.wechat;

import java.util.Map;
import reactor.core.publisher.Mono;

/** What WeChat pushes that the application cares about; implemented where the data lives (identity). */
public interface WechatEvents {

    /**
     * A resident answered a subscribe popup ({@code popup}: accept or reject per template) or switched
     * templates off in the mini-program's settings (not {@code popup}: reject per template).
     *
     * @param decisions WeChat's template id → {@code accept}, {@code reject}, …
     */
    Mono<Void> subscribeDecisions(String openid, Map<String, String> decisions, boolean popup);
}
