package org.cityservice.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdminToken the bearer token that opens {@code /api/v1/admin/**} until staff
 *                            accounts exist; unset, a random one is generated at start and logged once
 */
@ConfigurationProperties("app.security")
public record AdminTokenProperties(String bootstrapAdminToken) {
}
