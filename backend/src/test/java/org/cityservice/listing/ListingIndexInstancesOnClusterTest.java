package org.cityservice.listing;

import org.cityservice.support.OnRedisCluster;

/**
 * {@link ListingIndexInstancesTest} with both backends on a real Redis Cluster (3 masters, a replica each): a listing
 * changed through one backend is found by the other's nearby index within a second.
 */
@OnRedisCluster
class ListingIndexInstancesOnClusterTest extends ListingIndexInstancesTest {}
