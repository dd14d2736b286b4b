package org.cityservice.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record PasswordChangeRequest(
        @NotBlank @Size(max = 200) String currentPassword,
        @NotBlank @Size(max = 200) String newPassword) {

    @Override
    public String toString() {
        return "PasswordChangeRequest[…]";
    }
}
