package dev.lifeline.identity.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** {@code lifeline.password-policy.*}: the blocklist, the estimator's time bound and the optional breach check. */
@ConfigMapping(prefix = "lifeline.password-policy")
public interface PasswordPolicyConfig {

    /** How many of the bundled most common passwords are refused outright. */
    @WithDefault("100000")
    int blocklistSize();

    /** The strength estimator's time per password; past it only the blocklist decides (see PasswordPolicy). */
    @WithDefault("PT1S")
    Duration estimatorTimeout();

    /** Estimates at once; further ones queue (a few) or, when the queue is full, get the same fallback. */
    @WithDefault("2")
    int estimatorThreads();

    /** Have I Been Pwned's k-anonymity range API: only the first five hex digits of the SHA-1 leave the service. */
    Breached breached();

    interface Breached {
        /** Off by default: the service needs no internet access. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("https://api.pwnedpasswords.com/range/")
        URI rangeUrl();

        /** Connect and answer each; when the range cannot be read in time, the password is not refused for it. */
        @WithDefault("PT2S")
        Duration timeout();
    }
}
