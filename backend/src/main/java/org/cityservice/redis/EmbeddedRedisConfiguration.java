package org.cityservice.redis;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup default: with no Redis configured, start one and point Boot's Lettuce wiring at it
 * through {@link DataRedisConnectionDetails}, with the password of its data directory. Because the connection details depend on the server,
 * Spring stops the server only after every Redis client is closed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalRedisConfigured.class)
class EmbeddedRedisConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedRedisServer embeddedRedisServer(EmbeddedRedisProperties properties) {
        return EmbeddedRedisServer.start(properties);
    }

    @Bean
    DataRedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedRedisServer server) {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", server.port());
            }

            @Override
            public String getPassword() {
                return server.password();
            }
        };
    }
}
