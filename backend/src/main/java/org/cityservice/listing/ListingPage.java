package org.cityservice.listing;

import java.util.List;

/** One page of a listing kind, in creation order, with how many there are in all. */
public record ListingPage<T extends Listing>(long total, List<Versioned<T>> items) {}
