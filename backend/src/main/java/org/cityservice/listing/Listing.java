package org.cityservice.listing;

import org.cityservice.shared.GeoPoint;

/**
 * What the three kinds of place residents look for have in common. Stored as JSON, one hash per
 * kind, next to a GEO index (see {@link ListingStore}).
 */
public sealed interface Listing permits CommunityStation, VendingZone, SchoolSafetyPost {

    String id();

    String name();

    String address();

    String district();

    String subdistrict();

    GeoPoint location();

    String phone();

    /** True for the demo city loaded on the embedded default; shown so nobody mistakes it for real data. */
    boolean demo();

    OpeningSchedule schedule(SchoolCalendar calendar);
}
