package dev.lifeline.identity.authentication;

import dev.lifeline.http.problem.MaxCodePoints;
import dev.lifeline.identity.account.PasswordPolicy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/authentications}: the gateway's login check. */
public record AuthenticationRequest(
        @NotBlank @Size(max = 254) String identifier,
        @NotEmpty @MaxCodePoints(PasswordPolicy.MAX_LENGTH) String password) {

    @Override
    public String toString() {
        return "AuthenticationRequest[]";
    }
}
