package dev.lifeline.identity.account;

import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.problem.MaxCodePoints;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/accounts}. The sizes bound the work before any parsing; {@link AccountRegistration} checks
 * the formats with {@link Identifiers}, the same rules logins use.
 */
public record CreateAccountRequest(
        @NotBlank @Size(max = 64) String username,
        @Size(max = 254) String email,
        Boolean emailVerified,
        @Size(max = 32) String phone,
        PhoneStatus phoneStatus,
        @NotEmpty @MaxCodePoints(PasswordPolicy.MAX_LENGTH) String password,
        @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String locale,
        Boolean mfaEnrolled) {

    /** The password stays out of logs even if a record is ever printed. */
    @Override
    public String toString() {
        return "CreateAccountRequest[username=" + username + "]";
    }
}
