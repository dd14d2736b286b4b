package org.cityservice.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rewriting the append-only file after personal data was erased ({@link AofRewrite}).
 *
 * @param enabled  unset: on the embedded Redis only; {@code true} also on an external one (whose
 *                 operator may prefer their own schedule, or have BGREWRITEAOF disabled)
 * @param interval how often a waiting rewrite is started: many erasures in between cost one rewrite,
 *                 and erased data lingers in the file at most this long (plus the rewrite itself)
 */
@ConfigurationProperties("app.redis.aof-rewrite")
public record AofRewriteProperties(
        Boolean enabled, @DefaultValue("10m") Duration interval) {}
