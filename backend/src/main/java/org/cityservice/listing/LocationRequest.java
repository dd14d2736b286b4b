package org.cityservice.listing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.cityservice.shared.GeoPoint;

/** A GCJ-02 point as staff send it; both parts required (a missing one must not become 0). */
record LocationRequest(
        @NotNull @DecimalMin(value = "-85.05112878", message = "纬度应在 -85.05112878 到 85.05112878 之间")
        @DecimalMax(value = "85.05112878", message = "纬度应在 -85.05112878 到 85.05112878 之间") Double lat,
        @NotNull @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
        @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间") Double lng) {

    GeoPoint toPoint() {
        return new GeoPoint(lat, lng);
    }
}
