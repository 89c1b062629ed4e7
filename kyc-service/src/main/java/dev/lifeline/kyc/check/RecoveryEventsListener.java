package dev.lifeline.kyc.check;

import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.Inbox;
import dev.lifeline.http.audit.Audit;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * The saga's events, through the inbox (a redelivery changes nothing): a start opens the recovery's check (a
 * decoy's start a check no fact will match); the recovery's end closes it — for a decoy, whose end identity-service
 * does not announce, the exhaustion of its email challenge is that end, as RecoveryRejected is a real one's.
 */
@ApplicationScoped
public class RecoveryEventsListener {

    private final Inbox inbox;
    private final Audit audit;
    private final Event<CheckClosed> checkClosed;
    private final QuestionMix questionMix;

    RecoveryEventsListener(Inbox inbox, Audit audit, Event<CheckClosed> checkClosed, QuestionMix questionMix) {
        this.inbox = inbox;
        this.questionMix = questionMix;
        this.audit = audit;
        this.checkClosed = checkClosed;
    }

    @Incoming("identity-events")
    @Blocking
    public void onRecoveryEvent(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    @Incoming("email-verification-events")
    @Blocking
    public void onEmailVerificationEvent(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    /**
     * Runs in the inbox's transaction. Account events on the identity topic (RecoveryCodesIssued) concern no
     * check and are ignored; the inbox records them all the same, so their redelivery is a no-op too.
     */
    void apply(LifelineEvent event) {
        if (event instanceof RecoveryEvent recoveryEvent) {
            apply(recoveryEvent);
        }
    }

    private void apply(RecoveryEvent event) {
        Instant now = Instant.now();
        if (event instanceof RecoveryRequested requested) {
            open(event, IdentityCheck.of(requested, now), now);
        } else if (event instanceof RecoveryDecoyStarted started) {
            open(event, IdentityCheck.of(started, now), now);
        } else if (event instanceof PasswordReset || event instanceof RecoveryCancelled
                || event instanceof RecoveryRejected || event instanceof RecoveryExpired
                || event instanceof DecoyEmailVerificationFailed failed
                && failed.reason() == EmailVerificationFailure.TOO_MANY_ATTEMPTS) {
            IdentityCheck check = IdentityCheck.findById(event.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            boolean closed = check != null && check.close(now);
            if (closed) {
                checkClosed.fire(new CheckClosed(event.recoveryId()));
            }
            record(event, closed ? "closed" : "no-change");
        }
    }

    /**
     * Every check, a real one's too, draws the questions it shows should no profile supply them: see IdentityChecks.
     * A start event for a recovery already past its deadline (delivered again after {@link CheckRetention} deleted
     * its check) opens nothing.
     */
    private void open(RecoveryEvent event, IdentityCheck check, Instant now) {
        boolean opened = check.visible(now) && IdentityCheck.findById(check.recoveryId()) == null;
        if (opened) {
            check.withFallbackQuestions(questionMix.draw(check.recoveryId())).persist();
        }
        record(event, opened ? "opened" : "not-opened");
    }

    private void record(RecoveryEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "identity-check." + event.type().eventName(), "topic:" + event.type().topic(),
                outcome, "recovery", event.recoveryId().toString(), "event", event.eventId().toString());
    }
}
