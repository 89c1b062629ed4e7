package dev.lifeline.notification.delivery;

import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.message.Recipient;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    @Column(name = "email")
    private String email;

    @Column(name = "phone")
    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(name = "phone_status", nullable = false)
    private PhoneStatus phoneStatus;

    @Column(name = "locale", nullable = false)
    private String locale;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RecoveryRecipient() {
    }

    public static RecoveryRecipient of(RecoveryRequested requested, Instant now) {
        RecoveryRecipient recipient = new RecoveryRecipient();
        recipient.recoveryId = requested.recoveryId();
        recipient.accountId = requested.accountId();
        recipient.email = requested.contacts().email();
        recipient.phone = requested.contacts().phone();
        recipient.phoneStatus = requested.contacts().phoneStatus();
        recipient.locale = requested.contacts().locale();
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
        phone = newPhone;
        phoneStatus = PhoneStatus.ACTIVE;
    }

    public Recipient recipient() {
        return new Recipient(email, phone, phoneStatus, locale);
    }

    public UUID accountId() {
        return accountId;
    }
}
