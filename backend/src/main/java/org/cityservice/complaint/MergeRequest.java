package org.cityservice.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** 合并重复件: the tracking number of the earlier case reporting the same problem, and an optional note for both timelines. */
record MergeRequest(
        @NotBlank @Size(max = 32) String into,
        @Size(max = 500) String note) {}
