package org.cityservice.stub.wechat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time subscribe grants, as WeChat counts them: every "accept" in {@code wx.requestSubscribeMessage}
 * allows one message of that template to that user; a send uses one up; without one the answer is 43101.
 */
final class SubscribeGrants {

    private final Map<String, Integer> grants = new ConcurrentHashMap<>();

    void accept(String openid, String templateId) {
        grants.merge(key(openid, templateId), 1, Integer::sum);
    }

    /** @return true if a grant was there and is now used */
    boolean consume(String openid, String templateId) {
        boolean[] consumed = {false};
        grants.computeIfPresent(key(openid, templateId), (k, left) -> {
            consumed[0] = true;
            return left > 1 ? left - 1 : null;
        });
        return consumed[0];
    }

    void zero(String openid, String templateId) {
        grants.remove(key(openid, templateId));
    }

    int left(String openid, String templateId) {
        return grants.getOrDefault(key(openid, templateId), 0);
    }

    void reset() {
        grants.clear();
    }

    private static String key(String openid, String templateId) {
        return openid + "\n" + templateId;
    }
}
