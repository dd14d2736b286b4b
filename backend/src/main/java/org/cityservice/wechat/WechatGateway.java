package org.cityservice.wechat;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the application asks of WeChat. Every call fails with a {@link WechatException}: WeChat's
 * refusal with its errcode, or 503 when WeChat is down, slow or busy.
 */
public interface WechatGateway {

    /** {@code wx.login()}'s code → who the resident is. The session key WeChat also sends is dropped. */
    Mono<WechatIdentity> login(String code);

    /** The phone-number button's code → the phone number, digits only, without country code. */
    Mono<String> phoneNumber(String code);

    /** Sends one subscribe message; fails with errcode 43101 when the resident holds no grant for the template. */
    Mono<Void> sendSubscribeMessage(String openid, String templateId, String page, Map<String, String> data);

    /** msg_sec_check v2 on a resident's text. */
    /** @param openid the author's; null for a case filed through Open311 or the 12345 hotline (no WeChat author) */
    Mono<TextVerdict> checkText(@Nullable String openid, TextScene scene, String text);

    /** @param unionid null unless the mini-program is bound to an open-platform account */
    record WechatIdentity(String openid, @Nullable String unionid) {
        @Override
        public String toString() {
            return "WechatIdentity[…]";
        }
    }

    /** msg_sec_check's four scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
    enum TextScene {
        PROFILE(1),
        COMMENT(2),
        FORUM(3),
        SOCIAL_LOG(4);

        private final int code;

        TextScene(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** WeChat's {@code result.suggest}: pass, review or risky; {@code label} says which kind of risk. */
    record TextVerdict(Suggest suggest, @Nullable String label) {
        public enum Suggest {
            PASS,
            REVIEW,
            RISKY
        }
    }
}
