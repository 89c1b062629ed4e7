package dev.lifeline.kyc.check;

import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.Inbox;
import dev.lifeline.messaging.RecoveryParticipant;
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
 * does not announce, the exhaustion of its email challenge is that end, as RecoveryRejected is a real one's
 * ({@link dev.lifeline.events.RecoveryEnd}). Account events on the identity topic (RecoveryCodesIssued) concern no
 * check and are ignored; the inbox records them all the same, so their redelivery is a no-op too.
 */
@ApplicationScoped
public class RecoveryEventsListener extends RecoveryParticipant {

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

    @Override
    protected boolean open(RecoveryRequested requested, Instant now) {
        return open(IdentityCheck.of(requested, now), now);
    }

    @Override
    protected boolean open(RecoveryDecoyStarted started, Instant now) {
        return open(IdentityCheck.of(started, now), now);
    }

    /**
     * Every check, a real one's too, draws the questions it shows should no profile supply them: see IdentityChecks.
     * A start event for a recovery already past its deadline (delivered again after {@link CheckRetention} deleted
     * its check) opens nothing.
     */
    private boolean open(IdentityCheck check, Instant now) {
        boolean opened = check.visible(now) && IdentityCheck.findById(check.recoveryId()) == null;
        if (opened) {
            check.withFallbackQuestions(questionMix.draw(check.recoveryId())).persist();
        }
        return opened;
    }

    @Override
    protected boolean close(RecoveryEvent end, Instant now) {
        IdentityCheck check = IdentityCheck.findById(end.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
        boolean closed = check != null && check.close(now);
        if (closed) {
            checkClosed.fire(new CheckClosed(end.recoveryId()));
        }
        return closed;
    }

    @Override
    protected void record(RecoveryEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "identity-check." + event.type().eventName(), "topic:" + event.type().topic(),
                outcome, "recovery", event.recoveryId().toString(), "event", event.eventId().toString());
    }
}
