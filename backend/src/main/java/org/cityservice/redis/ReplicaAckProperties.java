package org.cityservice.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an acknowledged write waits for replicas on a Redis Cluster ({@link AcknowledgedWrites}).
 *
 * @param replicas how many replicas must hold a write before a resident or staff member is told it succeeded; capped at
 *                 the replicas the slot's master has; {@code 0} acknowledges as soon as the master has it
 * @param timeout  how long to wait for them, under {@code spring.data.redis.timeout} (past which the command itself times
 *                 out); a write not confirmed by then is answered 503 (it may still be on the master: a retry with the
 *                 same {@code Idempotency-Key} finds it, and is answered once a replica has it)
 */
@ConfigurationProperties("app.redis.replica-acks")
public record ReplicaAckProperties(
        @DefaultValue("1") int replicas, @DefaultValue("1s") Duration timeout) {}
