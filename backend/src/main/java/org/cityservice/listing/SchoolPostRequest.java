package org.cityservice.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cityservice.shared.LocationRequest;

record SchoolPostRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 100) String schoolName,
        @NotBlank @Size(max = 200) String address,
        @NotBlank @Size(max = 30) String district,
        @NotBlank @Size(max = 30) String subdistrict,
        @NotNull @Valid LocationRequest location,

        @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE)
        String phone,

        @NotEmpty @Size(max = 10) List<@NotNull TimeRange> dutyWindows,
        @NotBlank @Size(max = 50) String dutyUnit)
        implements ListingRequest<SchoolSafetyPost> {

    @Override
    public SchoolSafetyPost toListing(String id) {
        return new SchoolSafetyPost(
                id,
                name,
                schoolName,
                address,
                district,
                subdistrict,
                location.toPoint(),
                phone,
                dutyWindows,
                dutyUnit,
                false);
    }
}
