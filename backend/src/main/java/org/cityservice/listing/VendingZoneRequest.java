package org.cityservice.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cityservice.shared.LocationRequest;

/** {@code season} is optional: without one the zone runs all year. */
record VendingZoneRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull VendingKind kind,
        @NotBlank @Size(max = 200) String address,
        @NotBlank @Size(max = 30) String district,
        @NotBlank @Size(max = 30) String subdistrict,
        @NotNull @Valid LocationRequest location,

        @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE)
        String phone,

        @NotNull @MaxRangesPerDay(MAX_RANGES_PER_DAY) WeeklyHours hours,
        Season season,
        @Size(max = 30) List<@NotBlank @Size(max = 30) String> goods,
        @NotNull @Min(0) @Max(10_000) Integer stalls)
        implements ListingRequest<VendingZone> {

    @Override
    public VendingZone toListing(String id) {
        return new VendingZone(
                id,
                name,
                kind,
                address,
                district,
                subdistrict,
                location.toPoint(),
                phone,
                hours,
                season,
                goods,
                stalls,
                false);
    }
}
