package org.cityservice.identity;

import org.cityservice.support.OnRedisCluster;

/**
 * {@link SessionCacheInstancesTest} with both backends on a real Redis Cluster (3 masters, a replica each): a session
 * ended on one backend is refused on the other within a second.
 */
@OnRedisCluster
class SessionCacheInstancesOnClusterTest extends SessionCacheInstancesTest {}
