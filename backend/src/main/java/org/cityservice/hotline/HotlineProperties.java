package org.cityservice.hotline;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The 12345 hotline exchange ({@code app.hotline}, docs/hotline.md).
 *
 * @param platforms         the platforms that may dispatch 工单 to the bureau, each with its own secret and callback URL;
 *                          none configured in local mode: the local stand-in is one
 * @param categories        the platforms' category texts (a whole path or one of its parts) mapped to our codes, beside
 *                          our own category names, which match as they are
 * @param fallbackCategory  where an order whose category matches nothing goes (flagged for a dispatcher)
 * @param freshness         how far a request's timestamp may be from our clock; nonces are kept twice as long
 * @param sendInterval      how often due callbacks are sent
 * @param firstRetry        the wait after a callback's first failure, doubled after each further one up to {@code maxRetry}
 * @param stuckAfterTries   a case's callback that failed this often shows as stuck to admins (and is logged as a warning)
 * @param callbackTimeout   how long a platform may take to acknowledge a callback
 * @param lease             how long one instance holds a case's callback it is sending; another sends it after that
 * @param localPlatformPort the local stand-in's port (local mode, no platforms configured); 0 picks a free one
 */
@ConfigurationProperties("app.hotline")
public record HotlineProperties(
        @DefaultValue List<Platform> platforms,
        @DefaultValue List<CategoryMapping> categories,
        @DefaultValue("other") String fallbackCategory,
        @DefaultValue("5m") Duration freshness,
        @DefaultValue("2s") Duration sendInterval,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("5") int stuckAfterTries,
        @DefaultValue("10s") Duration callbackTimeout,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("9914") int localPlatformPort) {

    /**
     * One platform.
     *
     * @param id          what it sends as {@code X-Hotline-Platform}
     * @param secret      the shared HMAC-SHA256 secret, both ways
     * @param callbackUrl where the steps of its cases go
     */
    public record Platform(String id, String name, String secret, URI callbackUrl) {

        @Override
        public String toString() {
            return "Platform[id=" + id + ", name=" + name + ", callbackUrl=" + callbackUrl + "]";
        }
    }

    /** A platform's category text, e.g. {@code 城市管理/市容环境/占道经营} or its part {@code 占道经营}, and our code for it. */
    public record CategoryMapping(String text, String code) {}

    public HotlineProperties {
        if (lease.compareTo(callbackTimeout.multipliedBy(2)) < 0) {
            // a sender must be done with a callback, answer or not, well before another may take it over
            throw new IllegalStateException("app.hotline.lease (" + lease
                    + ") must be at least twice app.hotline.callback-timeout (" + callbackTimeout + ")");
        }
    }

    /** The wait before try {@code tries + 1}, after {@code tries} failures. */
    Duration backoff(int tries) {
        Duration wait = firstRetry;
        for (int i = 1; i < tries && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
