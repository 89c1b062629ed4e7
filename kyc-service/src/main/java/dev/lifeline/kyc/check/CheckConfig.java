package dev.lifeline.kyc.check;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How identity checks judge submissions. */
@ConfigMapping(prefix = "lifeline.identity-checks")
public interface CheckConfig {

    /** Wrong submissions an account may give, across its recoveries, before automation stops deciding for it. */
    @WithDefault("5")
    int wrongAnswersBeforeReview();

    /** How long a wrong submission counts against the account. */
    @WithDefault("P30D")
    Duration wrongAnswersCountFor();

    /** The least time an evidence answer takes, above the work behind it (a profile's slow hashes or none). */
    @WithDefault("PT0.3S")
    Duration responseFloor();
}
