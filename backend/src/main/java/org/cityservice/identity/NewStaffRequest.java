package org.cityservice.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.cityservice.district.Districts;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.jspecify.annotations.Nullable;

/** A DISPATCHER names its district, a STATION_STAFF its station (listing id); an ADMIN neither. */
record NewStaffRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,32}", message = "应为 3 到 32 位小写字母、数字或 . _ -")
        String username,

        @NotBlank @Size(max = 30) String displayName,
        @NotNull Caller.Kind role,
        @Size(max = 30) @Nullable String district,
        @Size(max = 64) @Nullable String stationId,
        @NotBlank @Size(max = 200) String password) {

    void requireConsistent(Districts districts) {
        List<FieldViolation> violations = new ArrayList<>();
        if (role == Caller.Kind.RESIDENT) {
            violations.add(new FieldViolation("role", "应为 ADMIN、DISPATCHER 或 STATION_STAFF"));
        }
        if (role == Caller.Kind.DISPATCHER && (district == null || district.isBlank())) {
            violations.add(new FieldViolation("district", "调度员须指定所在区"));
        } else if (role == Caller.Kind.DISPATCHER && !districts.registered(district)) {
            violations.add(new FieldViolation("district", districts.unknownMessage(district)));
        }
        if (role == Caller.Kind.STATION_STAFF && (stationId == null || stationId.isBlank())) {
            violations.add(new FieldViolation("stationId", "服务站工作人员须指定所在服务站"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        Passwords.requireAcceptable("password", password);
    }

    @Override
    public String toString() {
        return "NewStaffRequest[" + username + ", " + role + "]";
    }
}
