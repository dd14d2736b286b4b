package org.cityservice.wechat;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mini-program's credentials and how we reach WeChat. With no {@code appid} set, the backend
 * starts only in local mode ({@code app.local-mode}), with the local WeChat platform of
 * {@code miniapp-stub} in its place; the secret, token and AES key are then made up at start.
 *
 * @param appid         the mini-program's AppID
 * @param secret        its AppSecret (from the environment, never the repository)
 * @param token         the push token configured in the mini-program's message-push settings (required with an appid)
 * @param aesKey        the EncodingAESKey for the safe push mode (43 characters); when set, only safe-mode pushes are taken
 * @param apiHostUrl    WeChat's API host; {@code https://api.weixin.qq.com} when unset
 * @param timeout       how long one WeChat call (with WxJava's own retries) may take
 * @param retries       how often WxJava retries a "system busy" (-1) answer
 * @param maxConcurrentCalls how many WeChat calls may be under way at once; each holds a thread while it
 *                      waits for WeChat, and more wait in line (docs/benchmarks.md: 20 capped submissions at ~600/s)
 * @param localPlatformPort its port on 127.0.0.1 (the resident simulator looks there); 0 picks a free one
 * @param templates     subscribe-message templates by our name for them ({@code survey}, {@code status-change}, {@code reminder})
 */
@ConfigurationProperties("app.wechat")
public record WechatProperties(
        String appid,
        String secret,
        String token,
        String aesKey,
        String apiHostUrl,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("2") int retries,
        @DefaultValue("64") int maxConcurrentCalls,
        @DefaultValue("9911") int localPlatformPort,
        @DefaultValue Map<String, SubscribeTemplate> templates) {

    /** The template with this WeChat id, by our name; null if none is configured. */
    public @Nullable String templateName(String templateId) {
        return templates.entrySet().stream()
                .filter(t -> t.getValue().id().equals(templateId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
