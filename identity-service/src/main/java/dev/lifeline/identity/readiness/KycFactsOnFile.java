package dev.lifeline.identity.readiness;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.KycProfileChanged;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * identity-service's projection of kyc-service's profile of one account (KycProfileChanged): how many security
 * questions and which identity facts are on file, never their content.
 */
@Entity
@Table(name = "kyc_facts_on_file")
public class KycFactsOnFile extends PanacheEntityBase {

    @Id
    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "security_questions", nullable = false)
    private int securityQuestions;

    /** The facts' names, comma-separated, in enum order; empty for none. */
    @Column(name = "facts", nullable = false)
    private String facts;

    /** The occurredAt of the event this row reflects. */
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    /** For JPA. */
    protected KycFactsOnFile() {
    }

    /**
     * Applies kyc-service's latest word; an event older than the one already applied (redelivered late, or from
     * another partition's past) changes nothing. Runs in the inbox's transaction ({@link KycFactsProjection}).
     *
     * @return whether the projection changed
     */
    static boolean apply(KycProfileChanged event) {
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        KycFactsOnFile row = findById(event.accountId(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new KycFactsOnFile();
            row.accountId = event.accountId();
        } else if (at.isBefore(row.changedAt)) {
            return false;
        }
        row.securityQuestions = event.securityQuestions();
        row.facts = event.facts().stream().distinct().sorted().map(Enum::name).collect(Collectors.joining(","));
        row.changedAt = at;
        row.persist();
        return true;
    }

    /** What is on file for an account of which kyc-service never spoke: nothing. */
    static KycFactsOnFile of(UUID accountId) {
        KycFactsOnFile row = findById(accountId);
        if (row != null) {
            return row;
        }
        KycFactsOnFile none = new KycFactsOnFile();
        none.accountId = accountId;
        none.facts = "";
        return none;
    }

    public int securityQuestions() {
        return securityQuestions;
    }

    public List<IdentityFact> facts() {
        return facts.isEmpty() ? List.of() : Arrays.stream(facts.split(",")).map(IdentityFact::valueOf).toList();
    }

    /** Whether identity proofing has anything to ask. */
    public boolean any() {
        return securityQuestions > 0 || !facts.isEmpty();
    }
}
