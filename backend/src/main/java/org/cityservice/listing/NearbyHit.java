package org.cityservice.listing;

/** A listing found near a point, with its distance in metres as Redis GEO measures it. */
public record NearbyHit<T extends Listing>(double distance, Versioned<T> item) {}
