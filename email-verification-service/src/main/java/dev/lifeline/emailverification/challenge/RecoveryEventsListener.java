package dev.lifeline.emailverification.challenge;

import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.Inbox;
import dev.lifeline.messaging.RecoveryParticipant;
import dev.lifeline.http.audit.Audit;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * identity-service's events, through the inbox (a redelivery changes nothing, so it sends no second mail): a
 * start opens the recovery's challenge — its mail queued in the same transaction —, a decoy's start opens a
 * silent one, and the recovery's end closes it (the saga's compensation) — for a decoy, whose end identity-service
 * does not announce, the exhaustion of its identity check (kyc-service's DecoyIdentityRejected) is that end
 * ({@link dev.lifeline.events.RecoveryEnd}). Everything else on the topics is not this service's business.
 */
@ApplicationScoped
public class RecoveryEventsListener extends RecoveryParticipant {

    private final Inbox inbox;
    private final Challenges challenges;
    private final Audit audit;

    RecoveryEventsListener(Inbox inbox, Challenges challenges, Audit audit) {
        this.inbox = inbox;
        this.challenges = challenges;
        this.audit = audit;
    }

    @Incoming("identity-events")
    @Blocking
    public void onRecoveryEvent(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    /** kyc-service's topic, for one event: a decoy's identity check is exhausted, the decoy's end. */
    @Incoming("kyc-events")
    @Blocking
    public void onIdentityCheckEvent(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    @Override
    protected boolean open(RecoveryRequested requested, Instant now) {
        return challenges.open(EmailChallenge.of(requested, now), now);
    }

    @Override
    protected boolean open(RecoveryDecoyStarted started, Instant now) {
        return challenges.open(EmailChallenge.of(started, now), now);
    }

    @Override
    protected boolean close(RecoveryEvent end, Instant now) {
        EmailChallenge challenge = EmailChallenge.findById(end.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
        return challenge != null && challenge.close(now);
    }

    @Override
    protected void record(RecoveryEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "email-challenge." + event.type().eventName(), "topic:" + event.type().topic(), outcome,
                "recovery", event.recoveryId().toString(), "event", event.eventId().toString());
    }
}
