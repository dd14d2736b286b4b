package org.cityservice.support;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one {@link RedisCluster} of this test JVM (3 masters, a replica each), started when a test first needs it and
 * stopped when the JVM ends; as an initializer ({@link OnRedisCluster}) it points the application at it, so the
 * embedded redis-server does not start.
 */
public final class SharedRedisCluster implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static @Nullable RedisCluster cluster;

    /** The cluster, started on first use. */
    public static synchronized RedisCluster get() {
        if (cluster == null) {
            RedisCluster started = RedisCluster.start(3, 1);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            cluster = started;
        }
        return cluster;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        RedisCluster shared = get();
        TestPropertyValues.of(
                        "spring.data.redis.cluster.nodes=" + shared.nodes(),
                        "spring.data.redis.password=" + shared.password())
                .applyTo(context);
    }
}
