package dev.lifeline.messaging;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEnd;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;

import java.time.Instant;

/**
 * A saga participant's listener: its work for a recovery (an email challenge, an identity check) opens at the
 * recovery's start — a decoy's start too, so that nothing tells the two apart — and closes at its end
 * ({@link RecoveryEnd}). A subclass consumes its topics with {@code inbox.receive(record, this::apply)} and says what
 * opening and closing mean; every other event is none of its business. Each start or end is recorded with its
 * outcome: {@code opened} / {@code not-opened}, {@code closed} / {@code no-change}.
 */
public abstract class RecoveryParticipant {

    /** Runs in the inbox's transaction; events that neither start nor end a recovery change nothing. */
    public void apply(LifelineEvent event) {
        if (!(event instanceof RecoveryEvent recoveryEvent)) {
            return;
        }
        Instant now = Instant.now();
        if (event instanceof RecoveryRequested requested) {
            record(recoveryEvent, open(requested, now) ? "opened" : "not-opened");
        } else if (event instanceof RecoveryDecoyStarted started) {
            record(recoveryEvent, open(started, now) ? "opened" : "not-opened");
        } else if (RecoveryEnd.endsRecovery(recoveryEvent)) {
            record(recoveryEvent, close(recoveryEvent, now) ? "closed" : "no-change");
        }
    }

    /** Opens the work for a real recovery; false if there is none to open (already open, or too late). */
    protected abstract boolean open(RecoveryRequested requested, Instant now);

    /** Opens the work for a decoy, as for a real recovery; false if there is none to open. */
    protected abstract boolean open(RecoveryDecoyStarted started, Instant now);

    /** Closes the recovery's work at its end; false if there was none open. */
    protected abstract boolean close(RecoveryEvent end, Instant now);

    /** Records what a start or an end did (the service's audit line). */
    protected abstract void record(RecoveryEvent event, String outcome);
}
