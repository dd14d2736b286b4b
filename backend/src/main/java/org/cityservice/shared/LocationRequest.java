package org.cityservice.shared;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** A GCJ-02 point as clients send it; both parts required (a missing one must not become 0). */
public record LocationRequest(
        @NotNull
        @DecimalMin(value = "-85.05112878", message = "纬度应在 -85.05112878 到 85.05112878 之间")
        @DecimalMax(value = "85.05112878", message = "纬度应在 -85.05112878 到 85.05112878 之间")
        Double lat,

        @NotNull
        @DecimalMin(value = "-180", message = "经度应在 -180 到 180 之间")
        @DecimalMax(value = "180", message = "经度应在 -180 到 180 之间")
        Double lng) {

    public GeoPoint toPoint() {
        return new GeoPoint(lat, lng);
    }
}
