package dev.lifeline.events;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which events end a recovery: on them every participant closes its own work (the saga's compensation). A real
 * recovery ends with one of identity-service's terminal events. A decoy's end identity-service does not announce, so
 * a participant takes the other participant's exhaustion of the decoy (the failure that would reject a real recovery)
 * as that end; an expired decoy email code ends nothing, as an expired code of a real recovery does not.
 */
public final class RecoveryEnd {

    /** identity-service's terminal recovery events: each ends a real recovery. */
    public static final Set<EventType> TERMINAL_TYPES = Collections.unmodifiableSet(EnumSet.of(
            EventType.PASSWORD_RESET, EventType.RECOVERY_CANCELLED, EventType.RECOVERY_REJECTED,
            EventType.RECOVERY_EXPIRED));

    private RecoveryEnd() {
    }

    /** Whether {@code event} ends its recovery: a terminal event, or a participant's exhaustion of a decoy. */
    public static boolean endsRecovery(RecoveryEvent event) {
        return TERMINAL_TYPES.contains(event.type())
                || event instanceof DecoyIdentityRejected
                || event instanceof DecoyEmailVerificationFailed failed
                && failed.reason() == EmailVerificationFailure.TOO_MANY_ATTEMPTS;
    }
}
