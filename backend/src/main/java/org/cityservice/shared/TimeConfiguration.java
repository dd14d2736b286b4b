package org.cityservice.shared;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Now", injectable so tests can pin it. People see times in Asia/Shanghai. */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(SHANGHAI);
    }
}
