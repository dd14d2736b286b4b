package org.cityservice.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs an {@link IntegrationTest} against the {@link SharedRedisCluster} instead of its embedded redis-server: put it
 * on a subclass of an existing test, and that test's journeys run on a real cluster. Every class so marked shares
 * one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = SharedRedisCluster.class)
public @interface OnRedisCluster {}
