package org.cityservice.listing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Places near the resident, nearest first.
 *
 * @param at the moment "open now" was judged, Asia/Shanghai
 */
public record NearbyResponse<V>(List<Item<V>> items, int radius, OffsetDateTime at) {

    /**
     * @param distance metres from the resident, rounded
     * @param place    the summary of the place; {@code GET .../{id}} has all its details
     */
    public record Item<V>(long distance, V place) {}
}
