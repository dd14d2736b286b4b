package org.cityservice.hotline;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cityservice.stub.hotline.HotlinePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platforms of the exchange. Local mode with none configured starts the 12345 platform stand-in in this JVM
 * (miniapp-stub), as it does WeChat's and the SMS provider's: it sends 工单 to this backend on request and records
 * our callbacks, so the whole exchange runs offline.
 */
@Configuration(proxyBeanMethods = false)
class HotlineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HotlineConfiguration.class);
    static final String LOCAL_PLATFORM_ID = "local-12345";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.hotline.platforms[0].id:}' == '' && ${app.local-mode:false}")
    HotlinePlatform localHotlinePlatform(HotlineProperties properties) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        HotlinePlatform platform = HotlinePlatform.start(
                properties.localPlatformPort(),
                LOCAL_PLATFORM_ID,
                HexFormat.of().formatHex(secret));
        log.warn("""

                **********************************************************************************
                LOCAL MODE: the 12345 hotline platform is a local stand-in at {} (control API under
                /_stub/: POST /_stub/orders sends a 工单 here, GET /_stub/callbacks shows ours).
                **********************************************************************************""", platform.url());
        return platform;
    }

    /** Once the port is known, the stand-in sends its 工单 here. */
    @Bean
    @ConditionalOnExpression("'${app.hotline.platforms[0].id:}' == '' && ${app.local-mode:false}")
    ApplicationListener<ApplicationReadyEvent> localHotlineIntake(HotlinePlatform platform) {
        return event -> platform.intakeUrl("http://127.0.0.1:"
                + event.getApplicationContext().getEnvironment().getProperty("local.server.port")
                + HotlineController.ORDERS);
    }

    @Bean
    HotlinePlatforms hotlinePlatforms(HotlineProperties properties, ObjectProvider<HotlinePlatform> local) {
        List<HotlineProperties.Platform> platforms = new ArrayList<>(properties.platforms());
        local.ifAvailable(stand -> platforms.add(new HotlineProperties.Platform(
                stand.platformId(), "12345 热线平台(本地替身)", stand.secret(), URI.create(stand.callbackUrl()))));
        return new HotlinePlatforms(platforms);
    }
}
