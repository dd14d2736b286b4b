package org.cityservice.complaint;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of the closed loop, with the note the timeline keeps (required to reject, handle or send
 * back) and, when handling, up to six "after" photos uploaded by the acting staff member.
 */
record TransitionRequest(
        @NotNull ComplaintAction action,
        @Size(max = 500) @Nullable String note,

        @Size(max = 6, message = "最多 6 张照片") @Nullable
        List<
                        @NotNull(message = "照片编号不能为空")
                        @Pattern(regexp = "ph-([0-9a-f]{2}-)?[0-9a-f]{20}", message = "照片编号无效") String>
                photos) {

    TransitionRequest(ComplaintAction action, @Nullable String note) {
        this(action, note, null);
    }

    List<String> photoIds() {
        return photos == null ? List.of() : photos.stream().distinct().toList();
    }
}
