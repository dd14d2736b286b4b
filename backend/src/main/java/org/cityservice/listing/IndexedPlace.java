package org.cityservice.listing;

/** A listing held by the in-memory nearby index, with where Redis GEO holds it. */
record IndexedPlace<T extends Listing>(Versioned<T> item, StoredPosition position) {

    static <T extends Listing> IndexedPlace<T> of(Versioned<T> item) {
        return new IndexedPlace<>(
                item,
                StoredPosition.of(
                        item.listing().location().lat(),
                        item.listing().location().lng()));
    }

    String id() {
        return item.listing().id();
    }
}
