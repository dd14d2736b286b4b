package org.cityservice.wechat;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.cityservice.redis.RedisKeys;
import org.cityservice.stub.wechat.WechatPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;

/**
 * One {@link WxMaService} for the application. Its access token lives in Redis, shared by every
 * instance, and is fetched with {@code stable_token}: with {@code /cgi-bin/token} each instance
 * would invalidate the others' token (WxJava issues #2089, #2636, #2803).
 */
@Configuration(proxyBeanMethods = false)
class WechatConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WechatConfiguration.class);

    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' != ''")
    WechatConnection wechatConnection(WechatProperties properties) {
        if (isBlank(properties.secret())) {
            throw new IllegalStateException("app.wechat.appid is set but app.wechat.secret is not (set APP_WECHAT_SECRET)");
        }
        return new WechatConnection(properties.appid(), properties.secret(), properties.token(), properties.aesKey(),
                isBlank(properties.apiHostUrl()) ? "https://api.weixin.qq.com" : properties.apiHostUrl());
    }

    /** The zero-setup default: WeChat's local stand-in, in this JVM, on a free loopback port. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && ${app.wechat.local-platform:true}")
    WechatPlatform localWechatPlatform(WechatProperties properties) {
        WechatPlatform platform = WechatPlatform.start(properties.localPlatformPort(), "wx-local-appid", random(), random(), null);
        log.warn("No app.wechat.appid configured: talking to the local WeChat platform at {} (control API under /_stub/)",
                platform.url());
        return platform;
    }

    @Bean
    @ConditionalOnExpression("'${app.wechat.appid:}' == '' && ${app.wechat.local-platform:true}")
    WechatConnection localWechatConnection(WechatPlatform platform) {
        return new WechatConnection(platform.appid(), platform.secret(), platform.pushToken(), platform.aesKey(), platform.url());
    }

    @Bean
    WxMaService wxMaService(WechatConnection connection, WechatProperties properties, StringRedisTemplate redis, RedisKeys keys) {
        WxMaRedisBetterConfigImpl config = new WxMaRedisBetterConfigImpl(new WechatRedisOps(redis), keys.key("wechat"));
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
