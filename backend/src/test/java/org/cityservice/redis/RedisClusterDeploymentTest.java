package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityservice.support.IntegrationTest;
import org.cityservice.support.OnRedisCluster;
import org.cityservice.support.RedisCluster;
import org.cityservice.support.SharedRedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The backend configured with {@code spring.data.redis.cluster.nodes} talks to the cluster, not to an embedded server:
 * what the {@code *OnClusterTest} journeys rely on.
 */
@OnRedisCluster
class RedisClusterDeploymentTest extends IntegrationTest {

    @Autowired
    private LettuceConnectionFactory connections;

    @Test
    void aReportIsWrittenToTheClusterTheBackendIsConfiguredWith() {
        RedisCluster cluster = SharedRedisCluster.get();
        assertThat(cluster.masters()).hasSize(3);
        assertThat(connections.isClusterAware()).isTrue();

        String trackingNo = reportBy(resident("alice")).file();

        // -c: redis-cli follows the redirect to whichever master holds the case's slot
        String stored = cluster.cli(cluster.masters().get(0), "-c", "hget", caseKey(trackingNo, "cases"), trackingNo);
        assertThat(stored).contains("\"trackingNo\":\"" + trackingNo + "\"");
    }
}
