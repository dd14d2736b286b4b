package org.cityservice.shared;

/**
 * WGS84 (what Open311 speaks, GPS) to GCJ-02 (what we store, what WeChat and Chinese maps use) and
 * back. The forward shift is the published GCJ-02 formula (the same as the console's lib/geo.js);
 * there is no closed-form inverse, so the way back iterates the forward shift until it lands, within
 * millimetres. Points outside China are not shifted by GCJ-02 at all.
 */
public final class Coordinates {

    /** A point as latitude and longitude in degrees. */
    public record Point(double lat, double lng) {}

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    private Coordinates() {}

    public static boolean outOfChina(double lat, double lng) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static Point wgs84ToGcj02(double lat, double lng) {
        if (outOfChina(lat, lng)) {
            return new Point(lat, lng);
        }
        double dLat = shiftLat(lng - 105.0, lat - 35.0);
        double dLng = shiftLng(lng - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = dLat * 180.0 / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new Point(lat + dLat, lng + dLng);
    }

    public static Point gcj02ToWgs84(double lat, double lng) {
        if (outOfChina(lat, lng)) {
            return new Point(lat, lng);
        }
        double wLat = lat;
        double wLng = lng;
        // the shift changes by well under 1 % across a few hundred metres, so each step gains two orders
        for (int i = 0; i < 10; i++) {
            Point g = wgs84ToGcj02(wLat, wLng);
            double eLat = g.lat() - lat;
            double eLng = g.lng() - lng;
            wLat -= eLat;
            wLng -= eLng;
            if (Math.abs(eLat) < 1e-10 && Math.abs(eLng) < 1e-10) {
                break;
            }
        }
        return new Point(wLat, wLng);
    }

    private static double shiftLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double shiftLng(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
