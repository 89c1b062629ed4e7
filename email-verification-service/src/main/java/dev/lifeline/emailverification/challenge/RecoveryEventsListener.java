package dev.lifeline.emailverification.challenge;

import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.events.messaging.Inbox;
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
 * silent one, and the recovery's end closes it (the saga's compensation). Everything else on the topic is not
 * this service's business.
 */
@ApplicationScoped
public class RecoveryEventsListener {

    private static final String FROM_TOPIC = "topic:lifeline.identity.v1";

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

    /** Runs in the inbox's transaction. */
    void apply(LifelineEvent event) {
        Instant now = Instant.now();
        if (event instanceof RecoveryRequested requested) {
            opened(event, challenges.open(EmailChallenge.of(requested, now), now));
        } else if (event instanceof RecoveryDecoyStarted started) {
            opened(event, challenges.open(EmailChallenge.of(started, now), now));
        } else if (event instanceof PasswordReset || event instanceof RecoveryCancelled
                || event instanceof RecoveryRejected || event instanceof RecoveryExpired) {
            EmailChallenge challenge = EmailChallenge.findById(event.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            boolean closed = challenge != null && challenge.close(now);
            record(event, closed ? "closed" : "no-change");
        }
    }

    private void opened(LifelineEvent event, boolean opened) {
        record(event, opened ? "opened" : "already-open");
    }

    private void record(LifelineEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "email-challenge." + event.type().eventName(), FROM_TOPIC, outcome,
                "recovery", event.recoveryId().toString(), "event", event.eventId().toString());
    }
}
