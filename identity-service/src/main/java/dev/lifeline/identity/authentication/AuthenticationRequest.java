package dev.lifeline.identity.authentication;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/authentications}: the gateway's login check. */
public record AuthenticationRequest(
        @NotBlank @Size(max = 254) String identifier,
        @NotEmpty @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "AuthenticationRequest[]";
    }
}
