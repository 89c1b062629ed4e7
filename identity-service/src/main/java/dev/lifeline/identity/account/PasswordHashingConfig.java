package dev.lifeline.identity.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code lifeline.password-hashing.*}: how much Argon2 work may run at once. */
@ConfigMapping(prefix = "lifeline.password-hashing")
public interface PasswordHashingConfig {

    /**
     * Argon2id runs at once; each holds 19 MiB and a core for tens of milliseconds. A burst beyond this waits
     * instead of exhausting heap and CPU. Size it to the cores and the heap (e.g. heap/4 / 19 MiB).
     */
    @WithDefault("4")
    int maxConcurrent();

    /** How long a request waits for a slot before it gets a 503 with Retry-After. */
    @WithDefault("PT10S")
    Duration maxWait();
}
