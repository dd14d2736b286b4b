package org.cityservice.listing;

/**
 * One of the three kinds of listing: its name in Redis keys, the prefix of the ids we give out, and
 * the Chinese word residents read in messages.
 */
public record ListingType<T extends Listing>(String name, String idPrefix, Class<T> javaType, String label) {

    public static final ListingType<CommunityStation> STATION =
            new ListingType<>("station", "st", CommunityStation.class, "社区城管服务站");
    public static final ListingType<VendingZone> VENDING_ZONE =
            new ListingType<>("vending-zone", "vz", VendingZone.class, "疏导点");
    public static final ListingType<SchoolSafetyPost> SCHOOL_POST =
            new ListingType<>("school-post", "sp", SchoolSafetyPost.class, "护学岗");

    /** Hash tag: all keys of one kind share a Redis Cluster slot, so one script can update them together. */
    String redisTag() {
        return "listing:" + name;
    }
}
