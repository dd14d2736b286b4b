package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.RedisScriptExtension;
import org.cityservice.redis.Scripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff list script list, with keys and arguments built as ComplaintStore.list builds them: scope and facets
 * intersected, the created-at range, a status filter with the counts of every status, both orders, the text search
 * and the tracking number given whole.
 */
@ExtendWith(RedisScriptExtension.class)
class CaseListScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final int SCAN_LIMIT = 20_000;
    private static final List<String> STATUSES =
            Arrays.stream(ComplaintStatus.values()).map(Enum::name).toList();

    private static final String CASES = key("cases");
    private static final String DEADLINES = key("by-deadline");
    private static final List<String> SCRATCH =
            List.of(key("list-scratch", "base"), key("list-scratch", "selected"), key("list-scratch", "rest"));

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    CaseListScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @AfterEach
    void theScratchSetsAreGone() {
        assertThat(redis.exists(SCRATCH.toArray(String[]::new))).isZero();
    }

    @Test
    void theReplyHoldsTheTotalACountForEveryStatusInOrderAndTheListedCasesRanks() {
        file(new Case(1, "DISPATCHED"));

        assertThat(run(new Query()))
                .isEqualTo("{\"total\":1,\"partial\":false,\"counts\":{\"RECEIVED\":0,\"REGISTERED\":0,"
                        + "\"REJECTED\":0,\"DISPATCHED\":1,\"HANDLED\":0,\"VERIFIED\":0,\"CLOSED\":0,\"REOPENED\":0},"
                        + "\"items\":[{\"id\":\"" + tn(1) + "\",\"created\":" + created(1) + "}]}");
    }

    @Test
    void anEmptyScopeListsNothing() {
        Listing found = list(new Query());

        assertThat(found.total()).isZero();
        assertThat(found.items()).isEmpty();
        assertThat(found.partial()).isFalse();
        assertThat(found.counts()).isEqualTo(counts(Map.of()));
    }

    @Test
    void casesComeNewestFirstOnePageAtATimeOverTheWholeScope() {
        for (int i = 1; i <= 5; i++) {
            file(new Case(i, "RECEIVED"));
        }
        Query second = new Query();
        second.offset = 2;
        second.size = 2;
        Query beyond = new Query();
        beyond.offset = 5;

        assertThat(list(second).ids()).containsExactly(tn(3), tn(2));
        assertThat(list(second).total()).isEqualTo(5);
        assertThat(list(beyond).ids()).isEmpty();
        assertThat(list(beyond).total()).isEqualTo(5);
    }

    @Test
    void aStatusFilterListsOneStatusWhileTheCountsCoverEvery() {
        file(new Case(1, "RECEIVED"));
        file(new Case(2, "DISPATCHED"));
        file(new Case(3, "RECEIVED"));
        file(new Case(4, "CLOSED"));
        Query received = new Query();
        received.status = "RECEIVED";

        Listing found = list(received);
        assertThat(found.ids()).containsExactly(tn(3), tn(1));
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 2L, "DISPATCHED", 1L, "CLOSED", 1L)));
    }

    @Test
    void facetsNarrowTheScopeAndTheCountsWithIt() {
        file(new Case(1, "RECEIVED"));
        Case other = new Case(2, "RECEIVED");
        other.category = "road-damage";
        file(other);
        Case elsewhere = new Case(3, "DISPATCHED");
        elsewhere.station = "st-9";
        file(elsewhere);
        file(new Case(4, "DISPATCHED"));
        Query q = new Query();
        q.facets = List.of(key("by-category", "street-vending"), key("by-station", "st-7"));

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(4), tn(1));
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 1L, "DISPATCHED", 1L)));

        q.status = "DISPATCHED";
        assertThat(list(q).ids()).containsExactly(tn(4));
        assertThat(list(q).total()).isEqualTo(1);
    }

    @Test
    void aStationsScopeAnswersFromItsOwnIndexes() {
        file(new Case(1, "RECEIVED"));
        Case elsewhere = new Case(2, "RECEIVED");
        elsewhere.station = "st-9";
        file(elsewhere);
        file(new Case(3, "HANDLED"));
        Query q = new Query();
        q.scope = key("by-station", "st-7");
        q.statusIndex = status -> key("by-station-status", "st-7", status);

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(3), tn(1));
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 1L, "HANDLED", 1L)));

        q.status = "RECEIVED";
        assertThat(list(q).ids()).containsExactly(tn(1));
        assertThat(list(q).total()).isEqualTo(1);
    }

    @Test
    void theCreatedAtRangeIncludesItsStartAndExcludesItsEnd() {
        for (int i = 1; i <= 5; i++) {
            file(new Case(i, i % 2 == 0 ? "DISPATCHED" : "RECEIVED"));
        }
        Query q = new Query();
        q.from = Long.toString(created(2));
        q.to = "(" + created(4);

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(3), tn(2));
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 1L, "DISPATCHED", 1L)));

        q.status = "DISPATCHED";
        assertThat(list(q).ids()).containsExactly(tn(2));
        assertThat(list(q).total()).isEqualTo(1);
    }

    @Test
    void theCreatedAtRangeAppliesWithFacetsToo() {
        for (int i = 1; i <= 5; i++) {
            Case c = new Case(i, "RECEIVED");
            c.category = i == 3 ? "road-damage" : "street-vending";
            file(c);
        }
        Query q = new Query();
        q.facets = List.of(key("by-category", "street-vending"));
        q.from = Long.toString(created(2));
        q.to = "+inf";

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(5), tn(4), tn(2));
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 3L)));

        q.status = "RECEIVED";
        q.offset = 1;
        assertThat(list(q).ids()).containsExactly(tn(4), tn(2));
        assertThat(list(q).total()).isEqualTo(3);
    }

    @Test
    void aRangeOneFacetHasNoCaseInListsNothing() {
        file(new Case(1, "RECEIVED"));
        Case later = new Case(5, "RECEIVED");
        later.category = "road-damage";
        file(later);
        Query q = new Query();
        q.facets = List.of(key("by-category", "street-vending"));
        q.from = Long.toString(created(3));

        Listing found = list(q);
        assertThat(found.total()).isZero();
        assertThat(found.ids()).isEmpty();
        assertThat(found.counts()).isEqualTo(counts(Map.of()));
    }

    // deadline order

    @Test
    void byDeadlineTheSoonestDueComesFirstAndCasesWithoutAClockLastNewestFirst() {
        file(new Case(1, "DISPATCHED").due(30));
        file(new Case(2, "CLOSED"));
        file(new Case(3, "DISPATCHED").due(10));
        file(new Case(4, "RECEIVED").due(20));
        file(new Case(5, "CLOSED"));
        Query q = new Query();
        q.byDeadline = true;

        assertThat(list(q).ids()).containsExactly(tn(3), tn(4), tn(1), tn(5), tn(2));
        assertThat(list(q).total()).isEqualTo(5);
    }

    @Test
    void casesDueAtTheSameTimeComeNewestFirstAcrossAPageBoundary() {
        file(new Case(1, "DISPATCHED").due(5));
        file(new Case(2, "DISPATCHED").due(10));
        file(new Case(3, "DISPATCHED").due(10));
        file(new Case(4, "DISPATCHED").due(10));
        file(new Case(5, "DISPATCHED").due(20));
        file(new Case(6, "DISPATCHED"));
        Query q = new Query();
        q.byDeadline = true;
        q.size = 2;

        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            q.offset = offset;
            pages.addAll(list(q).ids());
        }
        assertThat(pages).containsExactly(tn(1), tn(4), tn(3), tn(2), tn(5), tn(6));
    }

    @Test
    void aPageReachingPastTheTimedCasesGoesOnWithTheUntimedOnes() {
        file(new Case(1, "DISPATCHED").due(10));
        file(new Case(2, "CLOSED"));
        file(new Case(3, "CLOSED"));
        file(new Case(4, "CLOSED"));
        Query q = new Query();
        q.byDeadline = true;
        q.offset = 0;
        q.size = 3;
        Query next = new Query();
        next.byDeadline = true;
        next.offset = 3;
        next.size = 3;

        assertThat(list(q).ids()).containsExactly(tn(1), tn(4), tn(3));
        assertThat(list(next).ids()).containsExactly(tn(2));
    }

    @Test
    void byDeadlineWithAStatusFilterAndFacetsOrdersOnlyTheSelectedCases() {
        file(new Case(1, "DISPATCHED").due(30));
        file(new Case(2, "RECEIVED").due(5));
        file(new Case(3, "DISPATCHED").due(10));
        Case other = new Case(4, "DISPATCHED").due(1);
        other.category = "road-damage";
        file(other);
        file(new Case(5, "DISPATCHED"));
        Query q = new Query();
        q.byDeadline = true;
        q.status = "DISPATCHED";
        q.facets = List.of(key("by-category", "street-vending"));

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(3), tn(1), tn(5));
        assertThat(found.total()).isEqualTo(3);
    }

    // ranks: what orders each listed case, for the merge of the homes' parts

    @Test
    void eachListedCaseComesWithItsNumberCreatedAtAndDueAtInTheListsOrder() {
        file(new Case(1, "DISPATCHED").due(30));
        file(new Case(2, "CLOSED"));
        file(new Case(3, "DISPATCHED").due(10));
        Query q = new Query();
        q.byDeadline = true;

        Listing found = list(q);

        assertThat(found.items())
                .containsExactly(
                        Map.of("id", tn(3), "created", created(3), "due", T0 + 10 * HOUR),
                        Map.of("id", tn(1), "created", created(1), "due", T0 + 30 * HOUR),
                        Map.of("id", tn(2), "created", created(2)));
        assertThat(found.total()).isEqualTo(3);
        assertThat(found.counts()).containsEntry("DISPATCHED", 2L).containsEntry("CLOSED", 1L);
    }

    @Test
    void newestFirstTheRanksCarryNoDueAt() {
        for (int i = 1; i <= 5; i++) {
            file(new Case(i, "RECEIVED").due(i));
        }
        Query q = new Query();
        q.offset = 1;
        q.size = 2;

        assertThat(list(q).items())
                .containsExactly(
                        Map.of("id", tn(4), "created", created(4)), Map.of("id", tn(3), "created", created(3)));
    }

    @Test
    void aTextSearchRanksItsMatchesToo() {
        Case match = new Case(1, "RECEIVED");
        match.description = "噪音扰民";
        file(match);
        file(new Case(2, "RECEIVED"));
        Query q = new Query();
        q.text = "噪音";

        assertThat(list(q).items()).containsExactly(Map.of("id", tn(1), "created", created(1)));
    }

    // text

    @Test
    void theTextIsFoundInTheTrackingNumberTheDescriptionOrTheAddressOnly() {
        Case described = new Case(1, "RECEIVED");
        described.description = "人行道上有流动摊贩占道经营";
        file(described);
        Case addressed = new Case(2, "DISPATCHED");
        addressed.address = "焦作市解放区民主路 摊贩 12 号";
        file(addressed);
        Case noted = new Case(3, "RECEIVED");
        noted.note = "摊贩";
        file(noted);
        file(new Case(4, "RECEIVED"));
        Query q = new Query();
        q.text = "摊贩";

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(2), tn(1));
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.partial()).isFalse();
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 1L, "DISPATCHED", 1L)));

        q.text = "-00000";
        assertThat(list(q).total()).as("part of a tracking number").isEqualTo(4);
    }

    @Test
    void aTextSearchWithAStatusFilterCountsEveryStatusAndPagesTheSelected() {
        for (int i = 1; i <= 4; i++) {
            Case c = new Case(i, i == 2 ? "DISPATCHED" : "RECEIVED");
            c.description = "井盖缺失";
            file(c);
        }
        Query q = new Query();
        q.text = "井盖";
        q.status = "RECEIVED";
        q.offset = 1;
        q.size = 1;

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(3));
        assertThat(found.total()).isEqualTo(3);
        assertThat(found.counts()).isEqualTo(counts(Map.of("RECEIVED", 3L, "DISPATCHED", 1L)));
    }

    @Test
    void aTextSearchReadsNoMoreThanItsBoundNewestFirstAndSaysItStopped() {
        for (int i = 1; i <= 5; i++) {
            Case c = new Case(i, "RECEIVED");
            c.description = "路灯不亮";
            file(c);
        }
        Query q = new Query();
        q.text = "路灯";
        q.bound = 3;

        Listing found = list(q);
        assertThat(found.partial()).isTrue();
        assertThat(found.ids()).containsExactly(tn(5), tn(4), tn(3));
        assertThat(found.total()).isEqualTo(3);

        q.bound = 5;
        assertThat(list(q).partial()).as("a bound that reads every case").isFalse();
    }

    @Test
    void aTextThatJsonEscapesIsFoundInTheDecodedCase() {
        Case quoted = new Case(1, "RECEIVED");
        quoted.description = "门口写着\"禁止摆摊\"";
        file(quoted);
        Case lines = new Case(2, "RECEIVED");
        lines.description = "第一处\n第二处";
        file(lines);
        Query q = new Query();

        q.text = "\"禁止摆摊\"";
        assertThat(list(q).ids()).containsExactly(tn(1));
        q.text = "第一处\n第二处";
        assertThat(list(q).ids()).containsExactly(tn(2));
    }

    @Test
    void aTextSearchByDeadlineOrdersTheMatchesByDueTime() {
        for (int i = 1; i <= 4; i++) {
            Case c = new Case(i, "DISPATCHED");
            c.description = "噪音扰民";
            if (i != 2) {
                c.due(10 * (5 - i));
            }
            file(c);
        }
        Query q = new Query();
        q.text = "噪音";
        q.byDeadline = true;

        assertThat(list(q).ids()).containsExactly(tn(4), tn(3), tn(1), tn(2));
    }

    @Test
    void aTextSearchKeepsToTheFacetsAndTheRange() {
        for (int i = 1; i <= 4; i++) {
            Case c = new Case(i, "RECEIVED");
            c.description = "垃圾堆放";
            c.category = i == 4 ? "road-damage" : "street-vending";
            file(c);
        }
        Query q = new Query();
        q.text = "垃圾";
        q.facets = List.of(key("by-category", "street-vending"));
        q.from = Long.toString(created(2));

        assertThat(list(q).ids()).containsExactly(tn(3), tn(2));
    }

    // a tracking number given whole

    @Test
    void aWholeTrackingNumberFindsItsCaseHoweverOldItIs() {
        for (int i = 1; i <= 4; i++) {
            file(new Case(i, i == 1 ? "CLOSED" : "RECEIVED"));
        }
        Query q = new Query();
        q.text = tn(1);
        q.bound = 1; // a scan would never reach it

        Listing found = list(q);
        assertThat(found.ids()).containsExactly(tn(1));
        assertThat(found.total()).isEqualTo(1);
        assertThat(found.partial()).isFalse();
        assertThat(found.counts()).isEqualTo(counts(Map.of("CLOSED", 1L)));
    }

    @Test
    void aWholeTrackingNumberOfAnotherStatusIsCountedButNotListed() {
        file(new Case(1, "CLOSED"));
        Query q = new Query();
        q.text = tn(1);
        q.status = "RECEIVED";

        Listing found = list(q);
        assertThat(found.ids()).isEmpty();
        assertThat(found.total()).isZero();
        assertThat(found.counts()).isEqualTo(counts(Map.of("CLOSED", 1L)));
    }

    @Test
    void aWholeTrackingNumberOutsideTheFacetsOrTheRangeFindsNothing() {
        Case c = new Case(2, "RECEIVED");
        c.category = "road-damage";
        file(c);
        Query otherCategory = new Query();
        otherCategory.text = tn(2);
        otherCategory.facets = List.of(key("by-category", "street-vending"));
        Query before = new Query();
        before.text = tn(2);
        before.to = "(" + created(2);
        Query after = new Query();
        after.text = tn(2);
        after.from = Long.toString(created(2) + 1);

        for (Query q : List.of(otherCategory, before, after)) {
            Listing found = list(q);
            assertThat(found.total()).isZero();
            assertThat(found.ids()).isEmpty();
            assertThat(found.counts()).isEqualTo(counts(Map.of()));
        }
        Query within = new Query();
        within.text = tn(2);
        within.from = Long.toString(created(2));
        within.to = "(" + (created(2) + 1);
        assertThat(list(within).ids()).containsExactly(tn(2));
    }

    @Test
    void aWholeTrackingNumberOnALaterPageListsNothingButStillCountsIt() {
        file(new Case(1, "RECEIVED"));
        Query q = new Query();
        q.text = tn(1);
        q.offset = 20;

        Listing found = list(q);
        assertThat(found.ids()).isEmpty();
        assertThat(found.total()).isEqualTo(1);
    }

    /** What a case is as far as the list reads and indexes it. */
    private static final class Case {

        final int n;
        final String status;
        String category = "street-vending";
        String station = "st-7";
        String description = "有人占道经营";
        String address = "焦作市解放区民主路 12 号";
        String note;
        Long due;

        Case(int n, String status) {
            this.n = n;
            this.status = status;
        }

        /** Its current stage is due {@code hours} after T0. */
        Case due(long hours) {
            this.due = T0 + hours * HOUR;
            return this;
        }

        String json() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("trackingNo", tn(n));
            c.put("category", category);
            c.put("description", description);
            c.put("address", address);
            c.put("status", status);
            c.put("routing", Map.of("stationId", station, "district", "解放区"));
            c.put("version", 1);
            if (note != null) {
                c.put("staffNote", note);
            }
            return JSON.writeValueAsString(c);
        }
    }

    /** Stores a case and puts it in the indexes submit.lua and move.lua keep, scored by when it was created. */
    private Case file(Case c) {
        String tn = tn(c.n);
        long created = created(c.n);
        redis.hset(CASES, tn, c.json());
        for (String index : List.of(
                key("all"),
                key("by-status", c.status),
                key("by-station", c.station),
                key("by-district", "解放区"),
                key("by-category", c.category),
                key("by-station-status", c.station, c.status),
                key("by-district-status", "解放区", c.status))) {
            redis.zadd(index, created, tn);
        }
        if (c.due != null) {
            redis.zadd(DEADLINES, c.due, tn);
        }
        return c;
    }

    /** A list request as ComplaintStore.list passes it; each test changes what it is about. */
    private static final class Query {

        String scope = key("all");
        Function<String, String> statusIndex = status -> key("by-status", status);
        List<String> facets = List.of();
        String status;
        String from = "-inf";
        String to = "+inf";
        long offset = 0;
        int size = 20;
        boolean byDeadline;
        String text = "";
        int bound = SCAN_LIMIT;
    }

    private String run(Query q) {
        List<String> keys = new ArrayList<>(List.of(CASES, DEADLINES));
        keys.addAll(SCRATCH);
        keys.add(q.scope);
        keys.addAll(q.facets);
        List<String> args = new ArrayList<>(List.of(
                q.from,
                q.to,
                Long.toString(q.offset),
                Integer.toString(q.size),
                q.byDeadline ? "deadline" : "newest",
                q.status == null ? "0" : Integer.toString(STATUSES.indexOf(q.status) + 1),
                q.text,
                Integer.toString(q.bound),
                Integer.toString(1 + q.facets.size())));
        for (String status : STATUSES) {
            keys.add(q.statusIndex.apply(status));
            args.add(status);
        }
        return (String) scripts.run("complaint/list", keys, args);
    }

    /** The reply, read as ComplaintStore.Ranked reads it. */
    record Listing(long total, boolean partial, Map<String, Long> counts, List<Map<String, Object>> items) {

        List<String> ids() {
            return items.stream().map(item -> (String) item.get("id")).toList();
        }
    }

    private Listing list(Query q) {
        return JSON.readValue(run(q), Listing.class);
    }

    /** Every status's count: those given, the others zero. */
    private static Map<String, Long> counts(Map<String, Long> nonZero) {
        return STATUSES.stream()
                .collect(Collectors.toMap(
                        status -> status, status -> nonZero.getOrDefault(status, 0L), (a, b) -> a, LinkedHashMap::new));
    }

    private static long created(int n) {
        return T0 + n * HOUR;
    }

    private static String tn(int n) {
        return String.format("JZ20261120-%06d", n);
    }

    private static String key(String... parts) {
        return KEYS.key("complaint", parts);
    }
}
