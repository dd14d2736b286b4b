package org.cityservice.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cityservice.shared.LocationRequest;

record StationRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 200) String address,
        @NotBlank @Size(max = 30) String district,
        @NotBlank @Size(max = 30) String subdistrict,
        @NotNull @Valid LocationRequest location,

        @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE)
        String phone,

        @NotNull @MaxRangesPerDay(MAX_RANGES_PER_DAY) WeeklyHours hours,
        @Size(max = 50) List<@Valid @NotNull HolidayClosure> closures,
        @Size(max = 30) List<@NotBlank @Size(max = 30) String> services)
        implements ListingRequest<CommunityStation> {

    @Override
    public CommunityStation toListing(String id) {
        return new CommunityStation(
                id, name, address, district, subdistrict, location.toPoint(), phone, hours, closures, services, false);
    }
}
