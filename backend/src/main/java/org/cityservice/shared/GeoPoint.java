package org.cityservice.shared;

/**
 * A GCJ-02 coordinate, as {@code wx.getLocation({type: 'gcj02'})} gives it and the mini-program's
 * map draws it. Stored and answered as is; converted only at edges that need WGS-84.
 */
public record GeoPoint(double lat, double lng) {

    /** Redis GEO cannot index latitudes beyond ±85.05112878 (Web Mercator); neither can we. */
    public static final double MAX_LAT = 85.05112878;

    public static final double MAX_LNG = 180.0;
    private static final double EARTH_RADIUS_METRES = 6_372_797.560856; // the radius Redis GEO uses

    public static boolean validLat(double lat) {
        return Double.isFinite(lat) && Math.abs(lat) <= MAX_LAT;
    }

    public static boolean validLng(double lng) {
        return Double.isFinite(lng) && Math.abs(lng) <= MAX_LNG;
    }

    /** Great-circle distance by the haversine formula, in metres. */
    public double distanceTo(GeoPoint other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLng = Math.toRadians(other.lng - lng);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat)) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(a));
    }
}
