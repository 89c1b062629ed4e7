package dev.lifeline.identity.authentication;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code lifeline.password-check.*}: how a refused password check hides whether the identifier exists. */
@ConfigMapping(prefix = "lifeline.password-check")
public interface PasswordCheckConfig {

    /**
     * No refusal (wrong password, unknown identifier, rate limit) is answered earlier than this after the check
     * began. Both paths do the same Argon2 work, but a known identifier's account row must be read from the table
     * (from disk when cold) where an unknown one stops at the index: milliseconds an attacker could average out.
     * Set it above the usual Argon2 time; a successful check is answered at once.
     */
    @WithDefault("PT0.25S")
    Duration refusalFloor();
}
