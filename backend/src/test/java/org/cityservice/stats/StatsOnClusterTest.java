package org.cityservice.stats;

import org.cityservice.support.OnRedisCluster;

/** {@link StatsTest} on a real Redis Cluster (3 masters, a replica each): login, report, the closed loop, surveys by SMS and their replies, and the rates, as on the embedded default. */
@OnRedisCluster
class StatsOnClusterTest extends StatsTest {}
