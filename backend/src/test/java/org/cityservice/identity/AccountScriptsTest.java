package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account scripts create-staff, find-or-create-resident, unlink-openid and delete-resident, with keys and
 * arguments built as StaffStore and ResidentStore build them.
 */
@ExtendWith(RedisScriptExtension.class)
class AccountScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final long NOW = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();

    private static final IdentityKeys IDENTITY = new IdentityKeys(KEYS);
    private static final String STAFF_INDEX = IDENTITY.global("staff-index");
    private static final String RESIDENT = "r-0a1b2c3d4e5f60718293";
    private static final Caller OWNER = new Caller(Caller.Kind.RESIDENT, RESIDENT);
    private static final String OPENID = "oX9k2-openid-of-wang";
    private static final String PROFILE = IDENTITY.resident(RESIDENT);
    private static final String OPENID_LINK = IDENTITY.openid(OPENID);
    private static final String SESSION_PREFIX = IDENTITY.sessionPrefix(OWNER);
    private static final String SESSIONS = IDENTITY.sessionSet(OWNER);
    private static final String GRANTS = IDENTITY.grants(RESIDENT);
    private static final String ECHO = IDENTITY.grantEcho(RESIDENT);
    private static final String OPERATIONS = IDENTITY.grantOperations(RESIDENT);

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    AccountScriptsTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    // create-staff

    @Test
    void aNewUsernameGetsAnEnabledAccountInTheIndexByWhenItWasCreated() {
        assertThat(createStaff("li.wei", "李伟", "STATION_STAFF", "解放区", "st-7", NOW))
                .isEqualTo(1L);

        assertThat(redis.hgetall(staff("li.wei")))
                .isEqualTo(Map.of(
                        "username", "li.wei",
                        "displayName", "李伟",
                        "role", "STATION_STAFF",
                        "district", "解放区",
                        "stationId", "st-7",
                        "passwordHash", "{bcrypt}$2a$10$hash",
                        "enabled", "1",
                        "createdAt", Long.toString(NOW)));
        assertThat(redis.zscore(STAFF_INDEX, "li.wei")).isEqualTo((double) NOW);
        assertThat(redis.ttl(staff("li.wei"))).as("no expiry").isEqualTo(-1L);
    }

    @Test
    void anAccountWithoutDistrictOrStationKeepsThemEmpty() {
        assertThat(createStaff("admin", "管理员", "ADMIN", "", "", NOW)).isEqualTo(1L);

        assertThat(redis.hget(staff("admin"), "district")).isEmpty();
        assertThat(redis.hget(staff("admin"), "stationId")).isEmpty();
    }

    @Test
    void aTakenUsernameIsRefusedAndTheAccountStaysAsItWas() {
        createStaff("li.wei", "李伟", "STATION_STAFF", "解放区", "st-7", NOW);
        redis.hset(staff("li.wei"), "enabled", "0"); // disabled since

        assertThat(createStaff("li.wei", "李伟二", "ADMIN", "", "", NOW + 60_000)).isEqualTo(0L);
        assertThat(redis.hget(staff("li.wei"), "role")).isEqualTo("STATION_STAFF");
        assertThat(redis.hget(staff("li.wei"), "enabled")).isEqualTo("0");
        assertThat(redis.zscore(STAFF_INDEX, "li.wei")).isEqualTo((double) NOW);
    }

    // find-or-create-resident

    @Test
    void theFirstLoginOfAnOpenidCreatesTheResidentAndLinksIt() {
        assertThat(findOrCreate(RESIDENT, "")).isEqualTo(RESIDENT);

        assertThat(redis.get(OPENID_LINK)).isEqualTo(RESIDENT);
        assertThat(redis.ttl(OPENID_LINK)).as("no expiry").isEqualTo(-1L);
        assertThat(redis.hgetall(PROFILE))
                .as("no unionid field when there is none")
                .isEqualTo(Map.of("id", RESIDENT, "openid", OPENID, "createdAt", Long.toString(NOW)));
    }

    @Test
    void aUnionidIsKeptWhenWeChatGivesOne() {
        findOrCreate(RESIDENT, "uQ7-unionid");

        assertThat(redis.hget(PROFILE, "unionid")).isEqualTo("uQ7-unionid");
    }

    @Test
    void aLaterLoginFindsTheResidentAndCreatesNoOther() {
        findOrCreate(RESIDENT, "");
        String racer = "r-ffffffffffffffffffff";

        assertThat(scripts.run(
                        "identity/find-or-create-resident",
                        List.of(OPENID_LINK, IDENTITY.resident(racer)),
                        List.of(racer, OPENID, "", Long.toString(NOW + 1_000))))
                .isEqualTo(RESIDENT);
        assertThat(redis.get(OPENID_LINK)).isEqualTo(RESIDENT);
        assertThat(redis.exists(IDENTITY.resident(racer))).isZero();
        assertThat(redis.hget(PROFILE, "createdAt")).isEqualTo(Long.toString(NOW));
    }

    // unlink-openid

    @Test
    void deletingAResidentFirstForgetsItsOpenidsLink() {
        residentWithSessions();

        assertThat(unlink(RESIDENT)).isEqualTo("ok");
        assertThat(redis.exists(OPENID_LINK)).isZero();
        assertThat(redis.exists(PROFILE)).isOne();
    }

    @Test
    void aLinkThatLeadsToAnotherResidentIsLeftAlone() {
        findOrCreate("r-new", ""); // logged in again after an earlier, interrupted deletion of RESIDENT

        assertThat(unlink(RESIDENT)).isEqualTo("ok");
        assertThat(redis.get(OPENID_LINK)).isEqualTo("r-new");
    }

    // delete-resident

    @Test
    void deletingAResidentErasesProfileGrantsAndEverySessionAndCountsTheSessions() {
        residentWithSessions("h-1", "h-2");

        assertThat(delete(List.of("h-1", "h-2"))).isEqualTo(2L);
        assertThat(redis.exists(
                        PROFILE, SESSIONS, GRANTS, ECHO, OPERATIONS, SESSION_PREFIX + "h-1", SESSION_PREFIX + "h-2"))
                .isZero();
    }

    @Test
    void aSessionOpenedSinceTheSetWasReadMakesTheCallerReadAgainAndNothingIsDeleted() {
        residentWithSessions("h-1", "h-2");

        assertThat(delete(List.of("h-1"))).isEqualTo(-1L);
        assertThat(redis.exists(
                        PROFILE, SESSIONS, GRANTS, ECHO, OPERATIONS, SESSION_PREFIX + "h-1", SESSION_PREFIX + "h-2"))
                .isEqualTo(7L);
    }

    @Test
    void aResidentWithoutSessionsIsErasedAndNoneAreCounted() {
        residentWithSessions();

        assertThat(delete(List.of())).isEqualTo(0L);
        assertThat(redis.exists(PROFILE, GRANTS, ECHO, OPERATIONS)).isZero();
    }

    @Test
    void aSessionClosedSinceTheSetWasReadIsNoObstacle() {
        residentWithSessions("h-1", "h-2");
        redis.srem(SESSIONS, "h-2");
        redis.del(SESSION_PREFIX + "h-2");

        assertThat(delete(List.of("h-1", "h-2"))).isEqualTo(2L);
        assertThat(redis.exists(PROFILE, SESSIONS, SESSION_PREFIX + "h-1")).isZero();
    }

    @Test
    void anotherResidentsAccountIsLeftAlone() {
        residentWithSessions("h-1");
        String other = IDENTITY.resident("r-other");
        String otherSession = SESSION_PREFIX + "h-other";
        redis.hset(other, "id", "r-other");
        redis.set(otherSession, "RESIDENT r-other|1795831200");

        assertThat(delete(List.of("h-1"))).isEqualTo(1L);
        assertThat(redis.exists(other, otherSession)).isEqualTo(2L);
    }

    private Object createStaff(
            String username, String displayName, String role, String district, String stationId, long createdAt) {
        return scripts.run(
                "identity/create-staff",
                List.of(staff(username), STAFF_INDEX),
                List.of(
                        username,
                        displayName,
                        role,
                        district,
                        stationId,
                        "{bcrypt}$2a$10$hash",
                        Long.toString(createdAt)));
    }

    private Object findOrCreate(String newId, String unionid) {
        return scripts.run(
                "identity/find-or-create-resident",
                List.of(OPENID_LINK, IDENTITY.resident(newId)),
                List.of(newId, OPENID, unionid, Long.toString(NOW)));
    }

    /** A resident who logged in, accepted subscribe messages and holds the sessions {@code hashes}. */
    private void residentWithSessions(String... hashes) {
        findOrCreate(RESIDENT, "");
        redis.hset(GRANTS, "tpl-status-changed", "2");
        redis.hset(ECHO, "client:tpl-status-changed", "1");
        redis.hset(OPERATIONS, "op-1", "2");
        for (String hash : hashes) {
            redis.set(SESSION_PREFIX + hash, "RESIDENT " + RESIDENT + "|1795831200");
            redis.sadd(SESSIONS, hash);
        }
    }

    private Object unlink(String residentId) {
        return scripts.run("identity/unlink-openid", List.of(OPENID_LINK), List.of(residentId));
    }

    /** As ResidentStore.delete: the sessions read from the set just before, after the five fixed keys. */
    private Object delete(List<String> readSessions) {
        List<String> keys = new ArrayList<>(List.of(PROFILE, SESSIONS, GRANTS, ECHO, OPERATIONS));
        readSessions.forEach(hash -> keys.add(SESSION_PREFIX + hash));
        return scripts.run("identity/delete-resident", keys, List.of(SESSION_PREFIX));
    }

    private static String staff(String username) {
        return IDENTITY.global("staff", username);
    }
}
