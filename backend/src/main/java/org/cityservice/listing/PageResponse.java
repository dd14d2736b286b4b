package org.cityservice.listing;

import java.util.List;

/** One page of a staff list; {@code page} counts from 1. */
public record PageResponse<V>(List<V> items, int page, int size, long total) {}
