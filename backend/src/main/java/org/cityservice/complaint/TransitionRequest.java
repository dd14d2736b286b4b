package org.cityservice.complaint;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One step of the closed loop, with the note the timeline keeps (required to reject, handle or send back). */
record TransitionRequest(@NotNull ComplaintAction action, @Size(max = 500) String note) {
}
