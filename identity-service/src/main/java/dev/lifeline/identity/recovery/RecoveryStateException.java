package dev.lifeline.identity.recovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A command that the recovery's current state does not allow. The API shows {@link #reason()} as a machine-readable
 * code and {@link #getMessage()} to people; neither contains a secret.
 */
public class RecoveryStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Why a command (a reset, a cancellation, a phone change, a recovery code) was refused: the {@code reason} of
     * the API's 409 problem and of the request's audit line, so the token holder, the gateway and support see it.
     * A participant's event refused by a recovery is a {@link Recovery.Refusal} instead. Not merged with it: the
     * two name the ends differently on the wire (ALREADY_COMPLETED here, COMPLETED in the audit), and
     * {@link Recovery#refusal(RecoveryStatus, Instant)} maps an ended status to one of these case by case.
     */
    public enum Reason {
        EVIDENCE_OUTSTANDING,
        /** Evidence sent after every piece the recovery needs had arrived. */
        ALREADY_APPROVED,
        COOLING_OFF,
        EXPIRED,
        ALREADY_COMPLETED,
        CANCELLED,
        REJECTED,
        /** A phone change before the password was reset. */
        NOT_COMPLETED,
        PHONE_CHANGE_WINDOW_CLOSED,
        PHONE_ALREADY_CHANGED,
        /** A phone code typed before any was asked for. */
        PHONE_NOT_REQUESTED
    }

    private final Reason reason;
    private final transient Instant retryAt;

    public RecoveryStateException(Reason reason, String message) {
        this(reason, message, null);
    }

    public RecoveryStateException(Reason reason, String message, Instant retryAt) {
        // An expected refusal the API answers with 409: no stack trace to fill or to leak.
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAt = retryAt;
    }

    public Reason reason() {
        return reason;
    }

    /** When the same command may succeed (the end of the cooling-off), e.g. for a {@code Retry-After} header. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
