package dev.lifeline.identity.readiness;

import dev.lifeline.events.KycProfileChanged;
import dev.lifeline.http.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps {@link KycFactsOnFile}, the readiness check-up's copy of kyc-service's profiles, from KycProfileChanged. The
 * kyc-events channel has one consumer, the saga's {@code ParticipantEventsListener}, which hands these events here:
 * the projection is readiness's, written only from this package, and its change commits with the inbox row of the
 * event that caused it (a redelivery changes nothing). Each event is an audit line by SYSTEM: changed, or stale.
 */
@ApplicationScoped
public class KycFactsProjection {

    private final Audit audit;

    KycFactsProjection(Audit audit) {
        this.audit = audit;
    }

    /**
     * Runs in the caller's transaction, the inbox's.
     *
     * @param from the audit line's "from": the topic the event came on
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(KycProfileChanged event, String from) {
        boolean applied = KycFactsOnFile.apply(event);
        audit.record(Audit.SYSTEM, "account.kyc-facts", from, applied ? "changed" : "stale",
                "event", event.type().eventName() + ":" + event.eventId(), "account", event.accountId().toString());
    }
}
