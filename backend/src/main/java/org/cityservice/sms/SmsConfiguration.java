package org.cityservice.sms;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.cityservice.stub.sms.SmsPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Tencent Cloud SMS, which needs its API key and the secret its callbacks carry; or, in local mode
 * ({@code app.local-mode}) without an API key, its local stand-in in this JVM. Neither: the backend
 * refuses to start and says what is missing, rather than send residents' SMS nowhere.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);
    /** The same header the WeChat stand-in names itself in; each stand-in adds its name. */
    private static final String LOCAL_PLATFORMS_HEADER = "X-Local-Platforms";

    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' != ''")
    SmsConnection smsConnection(SmsProperties properties, @Value("${app.local-mode:false}") boolean localMode) {
        return connection(properties, localMode);
    }

    /**
     * Outside local mode the account's own SDK app, and an approved template for every message, are
     * required too: with the stand-ins' {@code local-…} ids every SMS would be refused by Tencent, and
     * refused for good, silently.
     */
    static SmsConnection connection(SmsProperties properties, boolean localMode) {
        List<String> missing = new ArrayList<>();
        if (!localMode) {
            if ("1400000000".equals(properties.sdkAppId())) {
                missing.add("APP_SMS_SDK_APP_ID (app.sms.sdk-app-id, the SMS application's SdkAppId)");
            }
            properties.templates().forEach((name, id) -> {
                if (isBlank(id) || id.startsWith("local-")) {
                    missing.add(
                            "APP_SMS_TEMPLATE_" + name.toUpperCase(Locale.ROOT).replace('-', '_')
                                    + " (app.sms.templates." + name + ", Tencent's approved template id)");
                }
            });
        }
        if (isBlank(properties.secretKey())) {
            missing.add("APP_SMS_SECRET_KEY (app.sms.secret-key)");
        }
        if (isBlank(properties.callbackSecret())) {
            missing.add(
                    "APP_SMS_CALLBACK_SECRET (app.sms.callback-secret, which Tencent's reply and report callbacks must carry)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("app.sms.secret-id is set, but not: " + String.join(", ", missing));
        }
        return new SmsConnection(
                properties.secretId(),
                properties.secretKey(),
                properties.sdkAppId(),
                properties.endpoint(),
                properties.protocol());
    }

    /** Not local mode and no SMS account configured: refuse to start rather than send residents' SMS to a stand-in. */
    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && !${app.local-mode:false}")
    SmsConnection missingSmsConnection() {
        throw new IllegalStateException(
                "No Tencent Cloud SMS account configured: set APP_SMS_SECRET_ID, APP_SMS_SECRET_KEY, "
                        + "APP_SMS_SDK_APP_ID, APP_SMS_SIGN_NAME, APP_SMS_CALLBACK_SECRET and the APP_SMS_TEMPLATE_* ids, or start in "
                        + "local mode (--spring.profiles.active=local) to use the local SMS stand-in");
    }

    /** Local mode: the SMS stand-in, in this JVM. Nothing reaches a phone. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && ${app.local-mode:false}")
    SmsPlatform localSmsPlatform(SmsProperties properties) {
        SmsPlatform platform =
                SmsPlatform.start(properties.localPlatformPort(), "AKID" + random(), random(), properties.sdkAppId());
        log.warn("""

                **********************************************************************************
                LOCAL MODE: no SMS reaches a phone. Status notices, surveys and replies go to the
                local Tencent Cloud SMS stand-in at {} (control API under /_stub/).
                **********************************************************************************""", platform.url());
        return platform;
    }

    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && ${app.local-mode:false}")
    SmsConnection localSmsConnection(SmsPlatform platform) {
        return new SmsConnection(
                platform.secretId(), platform.secretKey(), platform.sdkAppId(), platform.endpoint(), "http://");
    }

    /** Every answer says when SMS are a stand-in's, so nobody mistakes a local backend for a real one. */
    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && ${app.local-mode:false}")
    WebFilter localSmsHeader() {
        return (exchange, chain) -> {
            // once, also when a read is run again (ReadRetry)
            List<String> said = exchange.getResponse().getHeaders().get(LOCAL_PLATFORMS_HEADER);
            if (said == null || !said.contains("sms")) {
                exchange.getResponse().getHeaders().add(LOCAL_PLATFORMS_HEADER, "sms");
            }
            return chain.filter(exchange);
        };
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
