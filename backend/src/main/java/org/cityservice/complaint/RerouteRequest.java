package org.cityservice.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** 改派: the station (listing id) the case should go to, and why. */
record RerouteRequest(
        @NotBlank @Size(max = 64) String stationId,
        @Size(max = 500) String reason) {}
