package org.cityservice.listing;

import org.cityservice.support.OnRedisCluster;

/** {@link NearbySearchTest} on a real Redis Cluster (3 masters, a replica each): nearby, as on the embedded default. */
@OnRedisCluster
class NearbySearchOnClusterTest extends NearbySearchTest {}
