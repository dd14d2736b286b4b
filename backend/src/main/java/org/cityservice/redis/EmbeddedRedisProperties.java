package org.cityservice.redis;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The redis-server started in-process when no external Redis is configured.
 *
 * @param enabled     start it when {@code spring.data.redis.host/port/url} are all unset
 * @param port        0 picks a free port on loopback
 * @param dataDir     where the append-only file lives; a restart finds the data here again
 * @param appendfsync {@code always} (no acknowledged write is lost), {@code everysec} or {@code no}
 */
@ConfigurationProperties("app.redis.embedded")
public record EmbeddedRedisProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int port,
        @DefaultValue("./data/redis") Path dataDir,
        @DefaultValue("always") String appendfsync) {}
