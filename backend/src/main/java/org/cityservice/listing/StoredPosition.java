package org.cityservice.listing;

/**
 * A place as Redis GEO holds it, so the in-memory index measures exactly what {@code GEOSEARCH} measured: Redis keeps
 * a point as a 26-bit cell in latitude and in longitude and answers distances from the cell's centre, by haversine
 * with its own earth radius. Also the point as a unit vector, whose straight-line (chord) distances order places as
 * their great-circle distances do.
 *
 * @param lat the centre of the stored cell (what {@code GEOPOS} answers)
 * @param lng the centre of the stored cell
 */
record StoredPosition(double lat, double lng, double x, double y, double z) {

    /** As in Redis's geohash.c and geohash_helper.c. */
    static final double EARTH_RADIUS_METRES = 6_372_797.560856;

    private static final double LAT_MIN = -85.05112878;
    private static final double LAT_MAX = 85.05112878;
    private static final double LNG_MIN = -180;
    private static final double LNG_MAX = 180;
    private static final double CELLS = 1L << 26;

    /** Where {@code GEOADD lng lat} puts a point. */
    static StoredPosition of(double lat, double lng) {
        double storedLat = centre(lat, LAT_MIN, LAT_MAX);
        double storedLng = centre(lng, LNG_MIN, LNG_MAX);
        double phi = Math.toRadians(storedLat);
        double lambda = Math.toRadians(storedLng);
        return new StoredPosition(
                storedLat,
                storedLng,
                Math.cos(phi) * Math.cos(lambda),
                Math.cos(phi) * Math.sin(lambda),
                Math.sin(phi));
    }

    /** The query point itself: Redis does not quantise the centre of a search. */
    static StoredPosition exact(double lat, double lng) {
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lng);
        return new StoredPosition(
                lat, lng, Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi));
    }

    /** Metres from {@code from}, computed as Redis's geohashGetDistance does. */
    double metresFrom(StoredPosition from) {
        double lat1 = from.lat * (Math.PI / 180.0);
        double lng1 = from.lng * (Math.PI / 180.0);
        double lat2 = lat * (Math.PI / 180.0);
        double lng2 = lng * (Math.PI / 180.0);
        double u = Math.sin((lat2 - lat1) / 2);
        double v = Math.sin((lng2 - lng1) / 2);
        return 2.0 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(u * u + Math.cos(lat1) * Math.cos(lat2) * v * v));
    }

    /** The squared chord between two unit vectors {@code metres} apart on the great circle. */
    static double squaredChord(double metres) {
        double chord = 2 * Math.sin(Math.min(metres / EARTH_RADIUS_METRES, Math.PI) / 2);
        return chord * chord;
    }

    double squaredChordTo(StoredPosition other) {
        double dx = x - other.x;
        double dy = y - other.y;
        double dz = z - other.z;
        return dx * dx + dy * dy + dz * dz;
    }

    /** The centre of the 2^26 cell that holds {@code value}, clamped to the range as Redis clamps it. */
    private static double centre(double value, double min, double max) {
        long cell = (long) ((value - min) / (max - min) * CELLS);
        double low = min + (cell * 1.0 / CELLS) * (max - min);
        double high = min + ((cell + 1) * 1.0 / CELLS) * (max - min);
        return Math.max(min, Math.min(max, (low + high) / 2));
    }
}
