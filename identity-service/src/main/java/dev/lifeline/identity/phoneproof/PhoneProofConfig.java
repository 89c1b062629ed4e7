package dev.lifeline.identity.phoneproof;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a new phone is proved before it is bound, {@code lifeline.phone-proof.*}. */
@ConfigMapping(prefix = "lifeline.phone-proof")
public interface PhoneProofConfig {

    /** How long a texted code counts (never past the recovery's phone change window). */
    @WithDefault("PT10M")
    Duration codeTtl();

    /** Wrong codes before the request is spent and a new code must be asked for. */
    @WithDefault("5")
    int attempts();

    /** Code texts one recovery may ask for: bounds what a token holder can make Lifeline text to any number. */
    @WithDefault("3")
    int textsPerRecovery();

    /** How often the sender looks for owed texts. */
    @WithDefault("1s")
    String sendInterval();

    /** Sends of one text before it is given up (the provider unreachable or refusing); a new request starts over. */
    @WithDefault("6")
    int textTries();

    /** How long an unconfirmed request (and the number in it) is kept after its code expired: the retention horizon. */
    Duration keptAfterExpiry();

    /** How often requests past that horizon are deleted. */
    String pruneInterval();
}
