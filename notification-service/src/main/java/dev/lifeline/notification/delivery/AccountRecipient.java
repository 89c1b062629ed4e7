package dev.lifeline.notification.delivery;

import dev.lifeline.events.Contacts;
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
 * Whom an account event's notifications reach (recovery codes issued: there is no recovery, so no
 * {@link RecoveryRecipient}), as the account's latest such event announced it. One row per account: each event's
 * contacts replace the earlier ones, and its deliveries go to them.
 */
@Entity
@Table(name = "account_recipient")
public class AccountRecipient extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Embedded
    private Recipient recipient;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AccountRecipient() {
    }

    /** The account's contacts as an event announced them: recorded, or replacing the earlier ones. */
    static AccountRecipient announced(UUID accountId, Contacts contacts, Instant now) {
        Optional<AccountRecipient> known = findByIdOptional(accountId);
        AccountRecipient recipient = known.orElseGet(AccountRecipient::new);
        recipient.accountId = accountId;
        recipient.recipient = Recipient.of(contacts);
        recipient.updatedAt = now;
        if (known.isEmpty()) {
            recipient.persist();
        }
        return recipient;
    }

    public Recipient recipient() {
        return recipient;
    }

    public UUID accountId() {
        return accountId;
    }
}
