package dev.lifeline.notification.delivery;

import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.message.Recipient;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whom a recovery's notifications reach, as its RecoveryRequested announced it (the later events carry no
 * contacts). A decoy has none, so nothing is ever sent for one.
 */
@Entity
@Table(name = "recovery_recipient")
public class RecoveryRecipient extends PanacheEntityBase {

    @Id
    @Column(name = "recovery_id")
    private UUID recoveryId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Embedded
    private Recipient recipient;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RecoveryRecipient() {
    }

    public static RecoveryRecipient of(RecoveryRequested requested, Instant now) {
        RecoveryRecipient recipient = new RecoveryRecipient();
        recipient.recoveryId = requested.recoveryId();
        recipient.accountId = requested.accountId();
        recipient.recipient = Recipient.of(requested.contacts());
        recipient.createdAt = now;
        return recipient;
    }

    public static Optional<RecoveryRecipient> of(UUID recoveryId) {
        return findByIdOptional(recoveryId);
    }

    /**
     * The owner bound a new number: texts from now on go to it (the phone-changed one included — the old number is
     * usually the one that went out of service, and may since belong to someone else).
     */
    void phoneChanged(String newPhone) {
        recipient = recipient.withPhone(newPhone);
    }

    public Recipient recipient() {
        return recipient;
    }

    public UUID accountId() {
        return accountId;
    }
}
