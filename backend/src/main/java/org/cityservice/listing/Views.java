package org.cityservice.listing;

/**
 * The two shapes a listing is answered in. A nearby list is the {@link Summary}: what a resident
 * needs to choose a place on a phone (name, where, how far, open now and until when, phone). The
 * {@link Detail} parts — the full weekly hours, closures, the version — come with {@code GET .../{id}}.
 * Properties without a view belong to both (Jackson's default view inclusion is on).
 */
final class Views {

    interface Summary {}

    interface Detail {}

    private Views() {}
}
