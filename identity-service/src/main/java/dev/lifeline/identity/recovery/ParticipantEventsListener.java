package dev.lifeline.identity.recovery;

import dev.lifeline.events.KycProfileChanged;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.messaging.Inbox;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.identity.readiness.KycFactsProjection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.Optional;

/**
 * The saga's replies: email verification and identity checks move a recovery on (or end it). Each event is
 * applied through the inbox, so a redelivery changes nothing; the inbox also retries transient failures (an
 * optimistic-lock conflict with a concurrent request, the database restarting) for as long as they last, and
 * only a record that can never be processed goes to the dead-letter topic. The recovery's row is locked for the
 * change, alone ({@link Recoveries#lockAlone}, within the lock order). Every event is an audit line
 * by SYSTEM: what it changed, or that the recovery refused it and why.
 * <p>
 * A decoy hears the replies that would reject a real recovery, DecoyEmailVerificationFailed and
 * DecoyIdentityRejected, which only a {@link DecoyRecovery} answers (locked the same way): real recoveries never see
 * decoy events, and a decoy's id on a real recovery's event finds no recovery.
 */
@ApplicationScoped
public class ParticipantEventsListener {

    /** The audit line's "from": the participant's topic, not a client address. */
    private static final String FROM_TOPIC = "topic:";

    private final Inbox inbox;
    private final Recoveries recoveries;
    private final Outbox outbox;
    private final Audit audit;
    private final KycFactsProjection kycFacts;

    ParticipantEventsListener(Inbox inbox, Recoveries recoveries, Outbox outbox, Audit audit,
                              KycFactsProjection kycFacts) {
        this.inbox = inbox;
        this.recoveries = recoveries;
        this.outbox = outbox;
        this.audit = audit;
        this.kycFacts = kycFacts;
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

    /**
     * Runs in the inbox's transaction: the recovery's change, its events and the inbox row commit together. A
     * KycProfileChanged, on the same channel as the identity checks' replies, is readiness's: its projection changes
     * in this transaction too.
     */
    void apply(LifelineEvent event) {
        if (event instanceof KycProfileChanged changed) {
            kycFacts.apply(changed, FROM_TOPIC + event.type().topic());
        } else if (event instanceof RecoveryEvent recoveryEvent) {
            apply(recoveryEvent);
        }
    }

    private void apply(RecoveryEvent event) {
        String from = FROM_TOPIC + event.type().topic();
        if (DecoyRecovery.answers(event)) {
            applyToDecoy(event, from);
            return;
        }
        Recovery recovery = recoveries.lockAlone(event.recoveryId());
        if (recovery == null) {
            // Participants act only on RecoveryRequested and RecoveryDecoyStarted: a decoy's, or another
            // environment's recovery.
            audit.record(Audit.SYSTEM, "recovery.participant-event", from, "refused", "event", eventOf(event),
                    "recovery", event.recoveryId().toString(), "reason", "NO_SUCH_RECOVERY");
            return;
        }
        Recovery.Reaction reaction = recovery.reactTo(event, Instant.now());
        reaction.events().forEach(outbox::publish);
        if (reaction.refusal().isPresent()) {
            audit.record(Audit.SYSTEM, "recovery.participant-event", from, "refused", "event", eventOf(event),
                    "recovery", recovery.id().toString(), "reason", reaction.refusal().get().name());
        } else {
            audit.record(Audit.SYSTEM, "recovery.participant-event", from,
                    reaction.events().isEmpty() ? "recorded" : "changed", "event", eventOf(event),
                    "recovery", recovery.id().toString(), "produced", eventNames(reaction));
        }
    }

    private void applyToDecoy(RecoveryEvent event, String from) {
        DecoyRecovery decoy = DecoyRecovery.findById(event.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (decoy == null) {
            // Pruned already, a real recovery's id, or another environment's decoy.
            audit.record(Audit.SYSTEM, "recovery.participant-event", from, "refused", "event", eventOf(event),
                    "decoy", event.recoveryId().toString(), "reason", "NO_SUCH_DECOY");
            return;
        }
        Optional<Recovery.Refusal> refusal = decoy.reactTo(event, Instant.now());
        if (refusal.isPresent()) {
            audit.record(Audit.SYSTEM, "recovery.participant-event", from, "refused", "event", eventOf(event),
                    "decoy", decoy.id().toString(), "reason", refusal.get().name());
        } else {
            // Nothing to publish: there is no decoy counterpart of RecoveryRejected, and the participant that
            // failed the decoy already knows.
            audit.record(Audit.SYSTEM, "recovery.participant-event", from, "changed", "event", eventOf(event),
                    "decoy", decoy.id().toString(), "status", RecoveryStatus.REJECTED.name());
        }
    }

    private static String eventOf(LifelineEvent event) {
        return event.type().eventName() + ":" + event.eventId();
    }

    private static String eventNames(Recovery.Reaction reaction) {
        return reaction.events().isEmpty() ? "none"
                : String.join(",", reaction.events().stream().map(e -> e.type().eventName()).toList());
    }
}
