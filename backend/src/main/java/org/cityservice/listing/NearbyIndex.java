package org.cityservice.listing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One kind's listings in memory, for nearby searches and reads by id. Readers search an immutable snapshot without locks; one writer
 * at a time (ListingIndex) applies changes and publishes the next. A snapshot is a {@link PlaceTree} plus the changes
 * since it was built: new versions beside it and the ids whose tree entries they replace. When those grow past a
 * share of the tree, the tree is built again, so a bulk load costs a few rebuilds, not one per listing.
 */
final class NearbyIndex<T extends Listing> {

    /** Distances differ from the chord's by rounding only: look a little further, then measure as Redis does. */
    private static final double CHORD_SLACK = 1e-9;

    /** Written by the one writer, read by {@link #find} at any time. */
    private final Map<String, IndexedPlace<T>> current = new ConcurrentHashMap<>();

    private volatile Snapshot<T> snapshot = Snapshot.empty();

    /** Replaces everything: a (re)load from the store. */
    void replaceAll(Collection<Versioned<T>> items) {
        Map<String, IndexedPlace<T>> loaded = new HashMap<>();
        items.forEach(item -> loaded.put(item.listing().id(), IndexedPlace.of(item)));
        // never empty on the way: a listing present before and after is found throughout
        current.keySet().retainAll(loaded.keySet());
        current.putAll(loaded);
        rebuild();
    }

    /**
     * Applies what the store holds now for these ids: a version where it holds one, nothing where it holds none (the
     * listing was deleted).
     */
    void apply(Map<String, @Nullable Versioned<T>> now) {
        Snapshot<T> before = snapshot;
        List<IndexedPlace<T>> added = new ArrayList<>(before.added());
        Set<String> replaced = new HashSet<>(before.replaced());
        for (Map.Entry<String, @Nullable Versioned<T>> change : now.entrySet()) {
            String id = change.getKey();
            Versioned<T> item = change.getValue();
            added.removeIf(place -> place.id().equals(id));
            replaced.add(id);
            if (item == null) {
                current.remove(id);
            } else {
                IndexedPlace<T> place = IndexedPlace.of(item);
                current.put(id, place);
                added.add(place);
            }
        }
        if (added.size() + replaced.size() > 64 + before.tree().size() / 32) {
            rebuild();
        } else {
            snapshot = new Snapshot<>(before.tree(), List.copyOf(added), Set.copyOf(replaced));
        }
    }

    /** The version of one listing the index holds, if it holds one. */
    @Nullable
    Versioned<T> find(String id) {
        IndexedPlace<T> place = current.get(id);
        return place == null ? null : place.item();
    }

    int size() {
        return current.size();
    }

    /**
     * Hands {@code visit} the listings within {@code radius} metres of a point, nearest first, each with its distance
     * as Redis GEO measures it, until {@code visit} answers false. Equally distant listings come by id.
     */
    void nearest(double lat, double lng, int radius, Predicate<NearbyHit<T>> visit) {
        Snapshot<T> at = snapshot;
        StoredPosition centre = StoredPosition.exact(lat, lng);
        List<NearbyHit<T>> added = new ArrayList<>();
        for (IndexedPlace<T> place : at.added()) {
            double metres = place.position().metresFrom(centre);
            if (metres <= radius) {
                added.add(new NearbyHit<>(metres, place.item()));
            }
        }
        added.sort(BY_DISTANCE);
        Merge<T> merge = new Merge<>(added, visit);
        at.tree().nearest(centre, StoredPosition.squaredChord(radius) * (1 + CHORD_SLACK) + CHORD_SLACK, place -> {
            if (at.replaced().contains(place.id())) {
                return true;
            }
            double metres = place.position().metresFrom(centre);
            return metres > radius || merge.offer(new NearbyHit<>(metres, place.item()));
        });
        merge.drain();
    }

    private void rebuild() {
        snapshot = new Snapshot<>(new PlaceTree<>(new ArrayList<>(current.values())), List.of(), Set.of());
    }

    private static final Comparator<NearbyHit<?>> BY_DISTANCE = Comparator.<NearbyHit<?>>comparingDouble(
                    NearbyHit::distance)
            .thenComparing(hit -> hit.item().listing().id());

    private record Snapshot<T extends Listing>(PlaceTree<T> tree, List<IndexedPlace<T>> added, Set<String> replaced) {

        static <T extends Listing> Snapshot<T> empty() {
            return new Snapshot<>(new PlaceTree<>(List.of()), List.of(), Set.of());
        }
    }

    /**
     * Merges the tree's hits, nearest first, with the few listings changed since it was built, and holds back tree
     * hits of equal distance so that ties come by id. Stops for good once the visitor has enough.
     */
    private static final class Merge<T extends Listing> {

        private final List<NearbyHit<T>> added;
        private final Predicate<NearbyHit<T>> visit;
        private final List<NearbyHit<T>> tied = new ArrayList<>(2);
        private int next;
        private boolean stopped;

        Merge(List<NearbyHit<T>> added, Predicate<NearbyHit<T>> visit) {
            this.added = added;
            this.visit = visit;
        }

        /** @return false once the visitor wants no more */
        boolean offer(NearbyHit<T> hit) {
            if (!tied.isEmpty() && tied.get(0).distance() != hit.distance()) {
                flushTied();
            }
            if (!stopped) {
                tied.add(hit);
            }
            return !stopped;
        }

        void drain() {
            flushTied();
            while (!stopped && next < added.size()) {
                stopped = !visit.test(added.get(next++));
            }
        }

        private void flushTied() {
            if (tied.size() > 1) {
                tied.sort(BY_DISTANCE);
            }
            for (NearbyHit<T> hit : tied) {
                while (!stopped && next < added.size() && BY_DISTANCE.compare(added.get(next), hit) < 0) {
                    stopped = !visit.test(added.get(next++));
                }
                if (stopped) {
                    break;
                }
                stopped = !visit.test(hit);
                if (stopped) {
                    break;
                }
            }
            tied.clear();
        }
    }
}
