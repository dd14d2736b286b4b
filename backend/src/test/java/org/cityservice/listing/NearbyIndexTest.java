package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cityservice.shared.GeoPoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index against the plainest answer there is: every place measured as Redis measures it, sorted by
 * distance then id, cut at the radius. Through loads, changes beside the tree, rebuilds, deletions and ties.
 */
class NearbyIndexTest {

    private final Random random = new Random(20261205);
    private final Map<String, Versioned<CommunityStation>> truth = new HashMap<>();
    private final NearbyIndex<CommunityStation> index = new NearbyIndex<>();

    @Test
    void aLoadedIndexAnswersNearestFirstWithinTheRadius() {
        for (int i = 0; i < 3_000; i++) {
            put(station("st-" + i, around(35.215, 113.242, 0.15)));
        }
        index.replaceAll(truth.values());

        for (int q = 0; q < 300; q++) {
            GeoPoint at = around(35.215, 113.242, 0.2);
            int radius = 1 + random.nextInt(20_000);
            assertSameAsEveryPlaceMeasured(at, radius, 1 + random.nextInt(100));
        }
    }

    @Test
    void changesAppliedOneAtATimeAreAnsweredBeforeAndAfterTheTreeIsRebuilt() {
        for (int i = 0; i < 1_000; i++) {
            put(station("st-" + i, around(35.215, 113.242, 0.1)));
        }
        index.replaceAll(truth.values());
        List<String> ids = new ArrayList<>(truth.keySet());

        for (int step = 0; step < 400; step++) {
            Map<String, @Nullable Versioned<CommunityStation>> change = new LinkedHashMap<>();
            int what = random.nextInt(3);
            if (what == 0) { // a new place
                Versioned<CommunityStation> added = station("st-new-" + step, around(35.215, 113.242, 0.1));
                put(added);
                ids.add(added.listing().id());
                change.put(added.listing().id(), added);
            } else if (what == 1) { // a place moved, a new version
                String id = ids.get(random.nextInt(ids.size()));
                Versioned<CommunityStation> before = truth.get(id);
                if (before == null) {
                    continue;
                }
                Versioned<CommunityStation> moved =
                        new Versioned<>(before.version() + 1, at(before.listing(), around(35.215, 113.242, 0.1)));
                put(moved);
                change.put(id, moved);
            } else { // a place deleted
                String id = ids.get(random.nextInt(ids.size()));
                truth.remove(id);
                change.put(id, null);
            }
            index.apply(change);
            if (step % 20 == 0) {
                assertSameAsEveryPlaceMeasured(around(35.215, 113.242, 0.1), 1 + random.nextInt(8_000), 50);
            }
        }
        assertThat(index.size()).isEqualTo(truth.size());
        for (int q = 0; q < 100; q++) {
            assertSameAsEveryPlaceMeasured(around(35.215, 113.242, 0.1), 1 + random.nextInt(20_000), 100);
        }
    }

    @Test
    void placesAtTheSamePointComeById() {
        GeoPoint same = new GeoPoint(35.2, 113.2);
        for (String id : List.of("st-9", "st-10", "st-2", "st-1")) {
            put(station(id, same));
        }
        index.replaceAll(truth.values());
        Versioned<CommunityStation> addedLater = station("st-0", same);
        put(addedLater);
        index.apply(Map.of("st-0", addedLater));

        assertThat(found(new GeoPoint(35.21, 113.2), 5_000, 10))
                .containsExactly("st-0", "st-1", "st-10", "st-2", "st-9");
    }

    @Test
    void theSearchStopsWhenTheVisitorHasEnough() {
        for (int i = 0; i < 500; i++) {
            put(station("st-" + i, around(35.215, 113.242, 0.05)));
        }
        index.replaceAll(truth.values());
        int[] visited = {0};

        index.nearest(35.215, 113.242, 20_000, hit -> ++visited[0] < 7);

        assertThat(visited[0]).isEqualTo(7);
    }

    @Test
    void anEmptyIndexFindsNothing() {
        assertThat(found(new GeoPoint(35.2, 113.2), 20_000, 10)).isEmpty();
    }

    private void assertSameAsEveryPlaceMeasured(GeoPoint at, int radius, int limit) {
        StoredPosition centre = StoredPosition.exact(at.lat(), at.lng());
        List<String> expected = truth.values().stream()
                .map(item -> Map.entry(item.listing().id(), position(item).metresFrom(centre)))
                .filter(hit -> hit.getValue() <= radius)
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(found(at, radius, limit)).as("%d m around %s", radius, at).isEqualTo(expected);
    }

    private List<String> found(GeoPoint at, int radius, int limit) {
        List<NearbyHit<CommunityStation>> hits = new ArrayList<>();
        index.nearest(at.lat(), at.lng(), radius, hit -> {
            hits.add(hit);
            return hits.size() < limit;
        });
        assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(NearbyHit::distance));
        return hits.stream().map(hit -> hit.item().listing().id()).toList();
    }

    private static StoredPosition position(Versioned<CommunityStation> item) {
        return StoredPosition.of(
                item.listing().location().lat(), item.listing().location().lng());
    }

    private void put(Versioned<CommunityStation> item) {
        truth.put(item.listing().id(), item);
    }

    private GeoPoint around(double lat, double lng, double spread) {
        return new GeoPoint(lat + (random.nextDouble() - 0.5) * spread, lng + (random.nextDouble() - 0.5) * spread);
    }

    static Versioned<CommunityStation> station(String id, GeoPoint where) {
        return new Versioned<>(
                1,
                new CommunityStation(
                        id,
                        "站" + id,
                        "焦作市",
                        "解放区",
                        "焦南街道",
                        where,
                        "0391-0000000",
                        WeeklyHours.of(Map.of()),
                        List.of(),
                        List.of(),
                        false));
    }

    private static CommunityStation at(CommunityStation station, GeoPoint where) {
        return new CommunityStation(
                station.id(),
                station.name(),
                station.address(),
                station.district(),
                station.subdistrict(),
                where,
                station.phone(),
                station.hours(),
                station.closures(),
                station.services(),
                station.demo());
    }
}
