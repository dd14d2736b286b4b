package org.cityservice.listing;

import java.util.ArrayList;
import java.util.List;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.GeoPoint;
import org.jspecify.annotations.Nullable;

/**
 * Where and how far to look, checked as a whole so one answer lists every bad parameter.
 *
 * @param radius metres, 1..{@value #MAX_RADIUS}
 * @param limit  results, 1..{@value #MAX_LIMIT}
 */
public record NearbyQuery(
        double lat,
        double lng,
        int radius,
        int limit,
        @Nullable String district) {

    public static final int DEFAULT_RADIUS = 3000;
    public static final int MAX_RADIUS = 20_000;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String NOT_A_NUMBER = "应为有效的数字";

    public static NearbyQuery of(
            @Nullable Double lat,
            @Nullable Double lng,
            @Nullable Integer radius,
            @Nullable Integer limit,
            @Nullable String district) {
        List<FieldViolation> violations = new ArrayList<>();
        if (lat == null) {
            violations.add(new FieldViolation("lat", "不能为空,请提供所在位置的纬度(GCJ-02)"));
        } else if (!Double.isFinite(lat)) {
            violations.add(new FieldViolation("lat", NOT_A_NUMBER));
        } else if (!GeoPoint.validLat(lat)) {
            violations.add(new FieldViolation("lat", "应在 -85.05112878 到 85.05112878 之间"));
        }
        if (lng == null) {
            violations.add(new FieldViolation("lng", "不能为空,请提供所在位置的经度(GCJ-02)"));
        } else if (!Double.isFinite(lng)) {
            violations.add(new FieldViolation("lng", NOT_A_NUMBER));
        } else if (!GeoPoint.validLng(lng)) {
            violations.add(new FieldViolation("lng", "应在 -180 到 180 之间"));
        }
        int r = radius == null ? DEFAULT_RADIUS : radius;
        if (r < 1 || r > MAX_RADIUS) {
            violations.add(new FieldViolation("radius", "应在 1 到 " + MAX_RADIUS + " 米之间"));
        }
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            violations.add(new FieldViolation("limit", "应在 1 到 " + MAX_LIMIT + " 之间"));
        }
        if (district != null && district.length() > 30) {
            violations.add(new FieldViolation("district", "不能超过 30 个字"));
        }
        if (!violations.isEmpty() || lat == null || lng == null) {
            throw ApiException.invalid(violations);
        }
        return new NearbyQuery(lat, lng, r, l, district == null || district.isBlank() ? null : district.trim());
    }
}
