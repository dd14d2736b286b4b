package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.cityservice.redis.RedisKeys;
import org.junit.jupiter.api.Test;

/** Where identity's keys live: the shard an id or a token names, and an openid's. */
class IdentityKeysTest {

    private final IdentityKeys keys = new IdentityKeys(new RedisKeys("cs"));

    @Test
    void aResidentIdNamesItsShardInTheThreeHexDigitsAfterItsPrefix() {
        assertThat(IdentityKeys.shardOfResident("r-3fa0123456789abcdef")).isEqualTo("3fa");
        assertThat(keys.resident("r-0a1b2c3d4e5f60718293"))
                .isEqualTo("cs:{identity:0a1}:resident:r-0a1b2c3d4e5f60718293");
        assertThat(keys.grants("r-0a1b2c3d4e5f60718293")).startsWith("cs:{identity:0a1}:");
        assertThat(keys.sessionSet(new Caller(Caller.Kind.RESIDENT, "r-0a1b2c3d4e5f60718293")))
                .isEqualTo("cs:{identity:0a1}:sessions:resident:r-0a1b2c3d4e5f60718293");
    }

    @Test
    void anIdThatNamesNoShardIsPlacedAsAnOpenidIs() {
        // an id made before the shards whose digits are past the last shard, a 12345 platform's reporter
        assertThat(IdentityKeys.shardOfResident("r-5ff0123456789abcdef"))
                .isEqualTo(IdentityKeys.shardOfOpenid("r-5ff0123456789abcdef"));
        assertThat(IdentityKeys.shardOfResident("hotline-12345"))
                .isEqualTo(IdentityKeys.shardOfOpenid("hotline-12345"))
                .matches("[0-3][0-9a-f]{2}");
    }

    @Test
    void openidsFillEveryShard() {
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            shards.add(IdentityKeys.shardOfOpenid("o-openid-" + i));
        }
        assertThat(shards).hasSize(IdentityKeys.SHARDS).allMatch(shard -> shard.matches("[0-3][0-9a-f]{2}"));
    }

    @Test
    void aResidentTokenNamesItsShardAndOneThatNamesNoneIsNoResidentToken() {
        assertThat(IdentityKeys.shardOfToken("r.0ab.c2VjcmV0")).isEqualTo("0ab");
        assertThat(IdentityKeys.shardOfToken("r.c2VjcmV0c2VjcmV0")).isNull(); // of the layout before the shards
        assertThat(IdentityKeys.shardOfToken("r.4ab.c2VjcmV0")).isNull();
        assertThat(IdentityKeys.shardOfToken("r.0AB.c2VjcmV0")).isNull();
        assertThat(IdentityKeys.shardOfToken("r.0ab")).isNull();
        assertThat(keys.session("0ab", "h")).isEqualTo("cs:{identity:0ab}:session:h");
        assertThat(keys.session((String) null, "h")).isEqualTo("cs:{identity}:session:h");
    }

    @Test
    void staffStayUnderTheOneTag() {
        assertThat(keys.sessionSet(new Caller(Caller.Kind.ADMIN, "admin")))
                .isEqualTo("cs:{identity}:sessions:staff:admin");
        assertThat(keys.session(new Caller(Caller.Kind.DISPATCHER, "zhang"), "h"))
                .isEqualTo("cs:{identity}:session:h");
        assertThat(keys.global("staff", "zhang")).isEqualTo("cs:{identity}:staff:zhang");
    }
}
