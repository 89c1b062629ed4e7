package dev.lifeline.emailverification.challenge;

import dev.lifeline.events.DecoyIdentityRejected;
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
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * identity-service's events, through the inbox (a redelivery changes nothing, so it sends no second mail): a
 * start opens the recovery's challenge — its mail queued in the same transaction —, a decoy's start opens a
 * silent one, and the recovery's end closes it (the saga's compensation) — for a decoy, whose end identity-service
 * does not announce, the exhaustion of its identity check (kyc-service's DecoyIdentityRejected) is that end.
 * Everything else on the topics is not this service's business.
 */
@ApplicationScoped
public class RecoveryEventsListener {


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

    /** Runs in the inbox's transaction; account events (e.g. RecoveryCodesIssued) are not this service's business. */
    void apply(LifelineEvent event) {
        if (event instanceof RecoveryEvent recoveryEvent) {
            apply(recoveryEvent);
        }
    }

    private void apply(RecoveryEvent event) {
        Instant now = Instant.now();
        if (event instanceof RecoveryRequested requested) {
            opened(event, challenges.open(EmailChallenge.of(requested, now), now));
        } else if (event instanceof RecoveryDecoyStarted started) {
            opened(event, challenges.open(EmailChallenge.of(started, now), now));
        } else if (event instanceof PasswordReset || event instanceof RecoveryCancelled
                || event instanceof RecoveryRejected || event instanceof RecoveryExpired
                || event instanceof DecoyIdentityRejected) {
            EmailChallenge challenge = EmailChallenge.findById(event.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            boolean closed = challenge != null && challenge.close(now);
            record(event, closed ? "closed" : "no-change");
        }
    }

    private void opened(RecoveryEvent event, boolean opened) {
        record(event, opened ? "opened" : "not-opened");
    }

    private void record(RecoveryEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "email-challenge." + event.type().eventName(), "topic:" + event.type().topic(), outcome,
                "recovery", event.recoveryId().toString(), "event", event.eventId().toString());
    }
}
