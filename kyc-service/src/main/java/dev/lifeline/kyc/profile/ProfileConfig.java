package dev.lifeline.kyc.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How identity facts are kept (security requirement 3: answers salted and slow-hashed, facts keyed). */
@ConfigMapping(prefix = "lifeline.kyc")
public interface ProfileConfig {

    /**
     * The HMAC key of stored facts (ID numbers, names, cities): a secret shared by all instances,
     * LIFELINE_KYC_FACT_KEY in prod (at least 32 bytes); the service refuses to start without it.
     */
    String factKey();

    /** PBKDF2-HMAC-SHA256 iterations per security answer (OWASP: 600,000); fewer only in tests. */
    @WithDefault("600000")
    int answerHashIterations();
}
