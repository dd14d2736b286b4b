package org.cityservice.listing;

/** A listing as stored, with the version that {@code If-Match} must name to change it. */
public record Versioned<T extends Listing>(long version, T listing) {}
