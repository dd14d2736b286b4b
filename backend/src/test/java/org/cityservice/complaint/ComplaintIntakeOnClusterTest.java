package org.cityservice.complaint;

import org.cityservice.support.OnRedisCluster;

/** {@link ComplaintIntakeTest} on a real Redis Cluster (3 masters, a replica each): intake, as on the embedded default. */
@OnRedisCluster
class ComplaintIntakeOnClusterTest extends ComplaintIntakeTest {}
