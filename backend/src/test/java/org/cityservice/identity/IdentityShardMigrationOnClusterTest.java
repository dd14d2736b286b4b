package org.cityservice.identity;

import org.cityservice.support.OnRedisCluster;

/**
 * {@link IdentityShardMigrationTest} on a real Redis Cluster (3 masters, a replica each): the old keys, all in the slot
 * of {@code {identity}}, are found by a SCAN over the masters and moved into shards on every master.
 */
@OnRedisCluster
class IdentityShardMigrationOnClusterTest extends IdentityShardMigrationTest {}
