package org.cityservice.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.cityservice.redis.RedisKeys;
import org.cityservice.stub.wechat.WechatPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.server.WebFilter;

/**
 * One {@link WxMaService} for the application. Its access token lives in Redis, shared by every
 * instance, and is fetched with {@code stable_token}: with {@code /cgi-bin/token} each instance
 * would invalidate the others' token (WxJava issues #2089, #2636, #2803).
 *
 * <p>A real mini-program needs its AppID, AppSecret and push token (a push signed over an empty
 * token could be forged by anyone). Without an AppID the backend starts only in local mode
 * ({@code app.local-mode}, the {@code local} profile of the quick start), where WeChat is played by
 * the stand-in of {@code miniapp-stub}; otherwise it refuses to start and says what is missing.
 */
@Configuration(proxyBeanMethods = false)
class WechatConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WechatConfiguration.class);
    /** How long an instance uses its copy of the shared access token before reading Redis again. */
    private static final Duration ACCESS_TOKEN_RECHECK = Duration.ofMinutes(1);

    /** Names the platforms played by local stand-ins (local mode): {@code wechat}, {@code sms}. */
    public static final String LOCAL_PLATFORMS_HEADER = "X-Local-Platforms";

    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' != ''")
    WechatConnection wechatConnection(
            WechatProperties properties, @Value("${app.local-mode:false}") boolean localMode) {
        return connection(properties, localMode);
    }

    /** Outside local mode every subscribe template needs the mini-program's own id: a {@code local-…} one is refused by WeChat. */
    static WechatConnection connection(WechatProperties properties, boolean localMode) {
        List<String> missing = new ArrayList<>();
        if (!localMode) {
            properties.templates().forEach((name, template) -> {
                if (isBlank(template.id()) || template.id().startsWith("local-")) {
                    missing.add("APP_WECHAT_TEMPLATE_"
                            + name.toUpperCase(Locale.ROOT).replace('-', '_') + " (app.wechat.templates." + name
                            + ".id)");
                }
            });
        }
        if (isBlank(properties.secret())) {
            missing.add("APP_WECHAT_SECRET (app.wechat.secret, the AppSecret)");
        }
        if (isBlank(properties.token())) {
            missing.add(
                    "APP_WECHAT_TOKEN (app.wechat.token, the message-push Token; without it anyone could sign a push)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("app.wechat.appid is set, but not: " + String.join(", ", missing));
        }
        return new WechatConnection(
                properties.appid(),
                properties.secret(),
                properties.token(),
                properties.aesKey(),
                isBlank(properties.apiHostUrl()) ? "https://api.weixin.qq.com" : properties.apiHostUrl(),
                !isBlank(properties.aesKey()));
    }

    /** Not local mode and no mini-program configured: refuse to start rather than serve residents from a stand-in. */
    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && !${app.local-mode:false}")
    WechatConnection missingWechatConnection() {
        throw new IllegalStateException(
                "No WeChat mini-program configured: set APP_WECHAT_APPID, APP_WECHAT_SECRET and "
                        + "APP_WECHAT_TOKEN (and APP_WECHAT_AES_KEY for safe-mode pushes), or start in local mode "
                        + "(--spring.profiles.active=local) to use the local WeChat stand-in");
    }

    /** Local mode: WeChat's local stand-in, in this JVM, on a loopback port. Nothing reaches WeChat. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && ${app.local-mode:false}")
    WechatPlatform localWechatPlatform(WechatProperties properties) {
        WechatPlatform platform =
                WechatPlatform.start(properties.localPlatformPort(), "wx-local-appid", random(), random(), null);
        log.warn("""

                **********************************************************************************
                LOCAL MODE: nothing reaches WeChat. Logins, phone numbers, content checks and
                subscribe messages are played by the local WeChat stand-in at {}
                (control API under /_stub/). Never run this way for residents.
                **********************************************************************************""", platform.url());
        return platform;
    }

    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && ${app.local-mode:false}")
    WechatConnection localWechatConnection(WechatPlatform platform) {
        return new WechatConnection(
                platform.appid(), platform.secret(), platform.pushToken(), platform.aesKey(), platform.url(), false);
    }

    /** Every answer says when WeChat is a stand-in, so nobody mistakes a local backend for a real one. */
    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && ${app.local-mode:false}")
    WebFilter localWechatHeader() {
        return (exchange, chain) -> {
            // once, also when a read is run again (ReadRetry)
            List<String> said = exchange.getResponse().getHeaders().get(LOCAL_PLATFORMS_HEADER);
            if (said == null || !said.contains("wechat")) {
                exchange.getResponse().getHeaders().add(LOCAL_PLATFORMS_HEADER, "wechat");
            }
            return chain.filter(exchange);
        };
    }

    @Bean
    WxMaService wxMaService(
            WechatConnection connection,
            WechatProperties properties,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys) {
        SharedAccessToken config = new SharedAccessToken(
                new WechatRedisOps(redis), keys.key("wechat"), System::nanoTime, ACCESS_TOKEN_RECHECK);
        config.setAppid(connection.appid());
        config.setSecret(connection.secret());
        config.setToken(connection.token());
        config.setAesKey(connection.aesKey());
        config.setMsgDataFormat("JSON");
        config.setApiHostUrl(connection.apiHostUrl());
        config.useStableAccessToken(true);
        WxMaServiceImpl service = new WxMaServiceImpl();
        service.setWxMaConfig(config);
        // the config's retry setters are ignored; these are the ones WxJava reads
        service.setMaxRetryTimes(properties.retries());
        service.setRetrySleepMillis(200);
        return service;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
