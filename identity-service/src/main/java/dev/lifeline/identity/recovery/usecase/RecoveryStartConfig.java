package dev.lifeline.identity.recovery.usecase;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code lifeline.recovery-start.*}: how starting a recovery hides whether the identifier exists. */
@ConfigMapping(prefix = "lifeline.recovery-start")
public interface RecoveryStartConfig {

    /**
     * No answer to {@code POST /api/v1/recoveries} leaves earlier than this after the request arrived. A real start
     * does the decoy's work plus an outbox row, and the outbox relay then publishes it on another thread: on a busy
     * machine that shows as milliseconds. The floor, set above the usual latency, makes both answers take the same
     * time; starts are rare and rate-limited, so the wait costs nothing that matters.
     */
    @WithDefault("PT0.25S")
    Duration responseFloor();

    /**
     * How long a decoy's row outlives its expiry before {@link DecoyPruning} deletes it. Until then its token holder
     * sees it EXPIRED, as a real recovery's would show; afterwards 404, as for an unknown id.
     */
    @WithDefault("P1D")
    Duration decoyKeptAfterExpiry();
}
