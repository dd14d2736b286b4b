package org.cityservice.redis;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the operator named no Redis of their own and did not switch the embedded one off. */
class NoExternalRedisConfigured implements Condition {

    private static final String[] EXTERNAL_REDIS_PROPERTIES = {
        "spring.data.redis.host",
        "spring.data.redis.port",
        "spring.data.redis.url",
        "spring.data.redis.sentinel.nodes",
        "spring.data.redis.cluster.nodes"
    };

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        if (!env.getProperty("app.redis.embedded.enabled", Boolean.class, true)) {
            return false;
        }
        for (String property : EXTERNAL_REDIS_PROPERTIES) {
            if (env.containsProperty(property)) {
                return false;
            }
        }
        return true;
    }
}
