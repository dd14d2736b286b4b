package org.cityservice.complaint;

import org.cityservice.shared.LocationRequest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a resident reports. Photos follow with the uploads step.
 *
 * @param category     a code from {@code GET /api/v1/complaint-categories}
 * @param location     where the problem is, GCJ-02 (the mini-program's {@code wx.getLocation({type: 'gcj02'})})
 * @param contactPhone optional; without one the bound phone is used for call-backs
 */
record SubmitComplaintRequest(
        @NotBlank @Size(max = 40) String category,
        @NotBlank @Size(min = 1, max = 500) String description,
        @NotNull @Valid LocationRequest location,
        @Size(max = 200) String address,
        @Pattern(regexp = "^1[3-9]\\d{9}$", message = "应为 11 位手机号码") String contactPhone) {
}
