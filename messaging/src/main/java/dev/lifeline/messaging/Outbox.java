package dev.lifeline.messaging;

import dev.lifeline.events.LifelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Records events in the same database transaction as the state change they describe. Nothing is sent here:
 * the {@link OutboxRelay} publishes the rows once the transaction has committed, so a rolled-back change
 * publishes nothing and a committed one is never lost.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds the event to the caller's transaction; there must be one, or the event could outlive a rollback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(LifelineEvent event) {
        OutboxMessage.of(event, Traceparent.newTrace()).persist();
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
