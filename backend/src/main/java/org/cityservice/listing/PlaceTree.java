package org.cityservice.listing;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An immutable k-d tree over places as points on the unit sphere (3-D), searched nearest first. Straight-line
 * distance between unit vectors grows with great-circle distance, so a box's nearest corner bounds every place in
 * it and the search is exact on the sphere, with no planar approximation near the poles or the antimeridian. A
 * search visits places in order of distance and stops at the radius or when the caller has enough: its cost grows
 * with log N and with the places it hands out, not with N.
 *
 * <p>The tree is implicit: the places of a subtree occupy a range of one array, its root at the range's middle,
 * the left half nearer the lower end of the axis it splits. Each subtree keeps its bounding box.
 */
final class PlaceTree<T extends Listing> {

    private final IndexedPlace<T>[] places;
    /** Per subtree, at its root's index: min x, y, z then max x, y, z. */
    private final double[] boxes;

    @SuppressWarnings("unchecked")
    PlaceTree(List<IndexedPlace<T>> from) {
        this.places = from.toArray(new IndexedPlace[0]);
        this.boxes = new double[places.length * 6];
        build(0, places.length);
    }

    int size() {
        return places.length;
    }

    /**
     * Hands {@code visit} the places within {@code maxSquaredChord} of {@code centre}, nearest first, until it
     * answers false.
     */
    void nearest(StoredPosition centre, double maxSquaredChord, Predicate<IndexedPlace<T>> visit) {
        if (places.length == 0) {
            return;
        }
        SearchQueue queue = new SearchQueue();
        queue.push(boxDistance(centre, middle(0, places.length)), 0, places.length);
        while (!queue.isEmpty()) {
            double key = queue.topKey();
            if (key > maxSquaredChord) {
                return;
            }
            int lo = queue.topLo();
            int hi = queue.topHi();
            queue.pop();
            if (hi < 0) { // a place
                if (!visit.test(places[lo])) {
                    return;
                }
                continue;
            }
            int mid = middle(lo, hi);
            queue.push(places[mid].position().squaredChordTo(centre), mid, -1);
            if (lo < mid) {
                queue.push(boxDistance(centre, middle(lo, mid)), lo, mid);
            }
            if (mid + 1 < hi) {
                queue.push(boxDistance(centre, middle(mid + 1, hi)), mid + 1, hi);
            }
        }
    }

    void forEach(Consumer<IndexedPlace<T>> action) {
        for (IndexedPlace<T> place : places) {
            action.accept(place);
        }
    }

    private static int middle(int lo, int hi) {
        return (lo + hi) >>> 1;
    }

    private double boxDistance(StoredPosition p, int root) {
        int b = root * 6;
        double dx = gap(p.x(), boxes[b], boxes[b + 3]);
        double dy = gap(p.y(), boxes[b + 1], boxes[b + 4]);
        double dz = gap(p.z(), boxes[b + 2], boxes[b + 5]);
        return dx * dx + dy * dy + dz * dz;
    }

    private static double gap(double value, double min, double max) {
        return value < min ? min - value : value > max ? value - max : 0;
    }

    private void build(int lo, int hi) {
        if (lo >= hi) {
            return;
        }
        int mid = middle(lo, hi);
        double[] box = bounds(lo, hi);
        System.arraycopy(box, 0, boxes, mid * 6, 6);
        int axis = widest(box);
        select(lo, hi - 1, mid, axis);
        build(lo, mid);
        build(mid + 1, hi);
    }

    private double[] bounds(int lo, int hi) {
        double[] box = {
            Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (int i = lo; i < hi; i++) {
            StoredPosition p = places[i].position();
            box[0] = Math.min(box[0], p.x());
            box[1] = Math.min(box[1], p.y());
            box[2] = Math.min(box[2], p.z());
            box[3] = Math.max(box[3], p.x());
            box[4] = Math.max(box[4], p.y());
            box[5] = Math.max(box[5], p.z());
        }
        return box;
    }

    private static int widest(double[] box) {
        double x = box[3] - box[0];
        double y = box[4] - box[1];
        double z = box[5] - box[2];
        return x >= y && x >= z ? 0 : y >= z ? 1 : 2;
    }

    private static double coordinate(StoredPosition p, int axis) {
        return axis == 0 ? p.x() : axis == 1 ? p.y() : p.z();
    }

    /** Quickselect: the place that belongs at {@code k} by {@code axis} goes there, smaller ones before it. */
    private void select(int lo, int hi, int k, int axis) {
        while (lo < hi) {
            double pivot = coordinate(places[(lo + hi) >>> 1].position(), axis);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (coordinate(places[i].position(), axis) < pivot) {
                    i++;
                }
                while (coordinate(places[j].position(), axis) > pivot) {
                    j--;
                }
                if (i <= j) {
                    IndexedPlace<T> swap = places[i];
                    places[i] = places[j];
                    places[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** A binary min-heap of subtrees (lo, hi) and places (index, -1), by squared chord distance. */
    private static final class SearchQueue {

        private double[] keys = new double[64];
        private long[] ranges = new long[64];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        int topLo() {
            return (int) (ranges[0] >> 32);
        }

        int topHi() {
            return (int) ranges[0];
        }

        void push(double key, int lo, int hi) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                ranges = Arrays.copyOf(ranges, size * 2);
            }
            long range = ((long) lo << 32) | (hi & 0xffffffffL);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                ranges[i] = ranges[parent];
                i = parent;
            }
            keys[i] = key;
            ranges[i] = range;
        }

        void pop() {
            double key = keys[--size];
            long range = ranges[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (key <= keys[child]) {
                    break;
                }
                keys[i] = keys[child];
                ranges[i] = ranges[child];
                i = child;
            }
            keys[i] = key;
            ranges[i] = range;
        }
    }
}
