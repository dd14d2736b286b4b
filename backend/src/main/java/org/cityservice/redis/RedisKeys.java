package org.cityservice.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every key the application writes starts with {@code <prefix>:{<tag>}:}. The part in braces is a
 * Redis Cluster hash tag: all keys of one tag live in one slot, so a Lua script may touch them
 * together. docs/redis-keys.md lists the layout.
 *
 * @param prefix namespace shared by all keys of this application
 */
@ConfigurationProperties("app.redis")
public record RedisKeys(@DefaultValue("cs") String prefix) {

    /** A key in the slot of {@code tag}, e.g. {@code key("listing:station", "geo")} is {@code cs:{listing:station}:geo}. */
    public String key(String tag, String... parts) {
        StringBuilder key = new StringBuilder(prefix).append(":{").append(tag).append('}');
        for (String part : parts) {
            key.append(':').append(part);
        }
        return key.toString();
    }
}
