package org.cityservice.sms;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.cityservice.stub.sms.SmsPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tencent Cloud SMS, or on the zero-setup default its local stand-in, in this JVM. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' != ''")
    SmsConnection smsConnection(SmsProperties properties) {
        if (properties.secretKey() == null || properties.secretKey().isBlank()) {
            throw new IllegalStateException("app.sms.secret-id is set but app.sms.secret-key is not (set APP_SMS_SECRET_KEY)");
        }
        return new SmsConnection(properties.secretId(), properties.secretKey(), properties.sdkAppId(), properties.endpoint(),
                properties.protocol());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && ${app.sms.local-platform:true}")
    SmsPlatform localSmsPlatform(SmsProperties properties) {
        SmsPlatform platform = SmsPlatform.start(properties.localPlatformPort(), "AKID" + random(), random(), properties.sdkAppId());
        log.warn("No app.sms.secret-id configured: SMS go to the local Tencent Cloud SMS stand-in at {} (control API under /_stub/)",
                platform.url());
        return platform;
    }

    @Bean
    @ConditionalOnExpression("'${app.sms.secret-id:}' == '' && ${app.sms.local-platform:true}")
    SmsConnection localSmsConnection(SmsPlatform platform) {
        return new SmsConnection(platform.secretId(), platform.secretKey(), platform.sdkAppId(), platform.endpoint(), "http://");
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
