package org.cityservice.listing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param poll how often each backend asks Redis for listing changes it has not seen (a change made through this
 *             backend is in its index before the write is answered; one made through another arrives within this)
 */
@ConfigurationProperties("app.listings.index")
public record NearbyIndexProperties(@DefaultValue("250ms") Duration poll) {}
