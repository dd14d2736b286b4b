package org.cityservice.complaint;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cityservice.shared.LocationRequest;
import org.jspecify.annotations.Nullable;

/**
 * What a resident reports.
 *
 * @param category     a code from {@code GET /api/v1/complaint-categories}
 * @param location     where the problem is, GCJ-02 (the mini-program's {@code wx.getLocation({type: 'gcj02'})})
 * @param contactPhone optional; without one the bound phone is used for call-backs
 * @param photos       up to six ids from {@code POST /api/v1/uploads}, uploaded by this resident
 */
record SubmitComplaintRequest(
        @NotBlank @Size(max = 40) String category,
        @NotBlank @Size(min = 1, max = 500) String description,
        @NotNull @Valid LocationRequest location,
        @Size(max = 200) @Nullable String address,

        @Pattern(regexp = "^1[3-9]\\d{9}$", message = "应为 11 位手机号码") @Nullable
        String contactPhone,

        @Size(max = 6, message = "最多 6 张照片") @Nullable
        List<
                        @NotNull(message = "照片编号不能为空")
                        @Pattern(regexp = "ph-([0-9a-f]{2}-)?[0-9a-f]{20}", message = "照片编号无效") String>
                photos) {

    List<String> photoIds() {
        return photos == null ? List.of() : photos.stream().distinct().toList();
    }
}
