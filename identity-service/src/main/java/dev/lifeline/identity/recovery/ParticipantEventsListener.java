package dev.lifeline.identity.recovery;

import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.messaging.Inbox;
import dev.lifeline.events.messaging.Outbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * The saga's replies: email verification and identity checks move a recovery on (or end it). Each event is
 * applied through the inbox, so a redelivery changes nothing; the inbox also retries transient failures (an
 * optimistic-lock conflict with a concurrent request, the database restarting) for as long as they last, and
 * only a record that can never be processed goes to the dead-letter topic.
 */
@ApplicationScoped
public class ParticipantEventsListener {

    private static final Logger LOG = Logger.getLogger(ParticipantEventsListener.class);
    private static final Logger AUDIT = Logger.getLogger("lifeline.audit");

    private final Inbox inbox;
    private final Outbox outbox;

    ParticipantEventsListener(Inbox inbox, Outbox outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
    }

    @Incoming("email-verification-events")
    @Blocking
    public void onEmailVerification(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    @Incoming("kyc-events")
    @Blocking
    public void onIdentityCheck(ConsumerRecord<String, String> record) {
        inbox.receive(record, this::apply);
    }

    /** Runs in the inbox's transaction: the recovery's change and its events commit together. */
    void apply(LifelineEvent event) {
        Recovery recovery = Recovery.findById(event.recoveryId());
        if (recovery == null) {
            // Participants only act on RecoveryRequested, so this is an event for another environment's recovery.
            LOG.warnf("Ignoring %s %s: no recovery %s", event.type().ceType(), event.eventId(), event.recoveryId());
            return;
        }
        List<LifelineEvent> produced = decide(recovery, event, Instant.now());
        produced.forEach(outbox::publish);
        AUDIT.infof("who=%s what=%s recovery=%s outcome=%s", event.type().source(), event.type().eventName(),
                recovery.id(), produced.isEmpty() ? "no-change" : eventNames(produced));
    }

    private static List<LifelineEvent> decide(Recovery recovery, LifelineEvent event, Instant now) {
        if (event instanceof EmailVerified verified) {
            return recovery.evidenceArrived(verified, now);
        }
        if (event instanceof IdentityConfirmed confirmed) {
            return recovery.evidenceArrived(confirmed, now);
        }
        if (event instanceof EmailVerificationFailed failed) {
            return recovery.participantFailed(failed, now);
        }
        if (event instanceof IdentityRejected rejected) {
            return recovery.participantFailed(rejected, now);
        }
        return List.of(); // another event on a participant's topic (e.g. a newer type): not ours to act on
    }

    private static String eventNames(List<LifelineEvent> events) {
        return String.join(",", events.stream().map(e -> e.type().eventName()).toList());
    }
}
