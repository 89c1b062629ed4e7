package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** identity-service's recovery settings, {@code lifeline.recovery.*}. Values are fixed per recovery when it starts. */
@ConfigMapping(prefix = "lifeline.recovery")
public interface RecoveryConfig {

    /**
     * How long a recovery may wait for its evidence, and then how long after {@code resetAllowedAt} the password
     * may be reset. A day lets support finish a manual identity review within a shift and the owner come back
     * after a cooling-off, while keeping the recovery token's life short.
     */
    @WithDefault("PT24H")
    Duration ttl();

    /** Delay between approval and the allowed reset when identity was confirmed only at SUBSTANTIAL assurance. */
    @WithDefault("PT24H")
    Duration coolingOff();

    /** How long after the reset the recovery token may bind a new phone number. */
    @WithDefault("PT30M")
    Duration phoneChangeWindow();

    /**
     * Identity assurance demanded of an account with a verified email and no MFA. SUBSTANTIAL lets an automated
     * check succeed behind a cooling-off; HIGH sends every such recovery to a strong check or manual review.
     */
    @WithDefault("SUBSTANTIAL")
    Assurance defaultAssurance();

    /**
     * Whether saved recovery codes may replace identity proofing (EMAIL + RECOVERY_CODE) for an account with MFA
     * enrolled. Off by default: the reset keeps the second factor, so its recovery must not be weaker than it and
     * still needs IDENTITY at HIGH.
     */
    @WithDefault("false")
    boolean recoveryCodesForMfaAccounts();
}
