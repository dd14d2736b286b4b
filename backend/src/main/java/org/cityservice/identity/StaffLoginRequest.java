package org.cityservice.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record StaffLoginRequest(
        @NotBlank @Size(max = 32) String username,
        @NotBlank @Size(max = 200) String password) {

    @Override
    public String toString() {
        return "StaffLoginRequest[" + username + "]";
    }
}
