package org.cityservice.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sessionTtl how long a session lives after its last use (sliding)
 */
@ConfigurationProperties("app.identity")
public record IdentityProperties(@DefaultValue("7d") Duration sessionTtl) {
}
