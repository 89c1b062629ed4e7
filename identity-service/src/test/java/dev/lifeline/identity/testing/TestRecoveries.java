package dev.lifeline.identity.testing;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.messaging.OutboxMessage;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.recovery.Recovery;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.lifeline.identity.testing.Api.anonymous;

/**
 * Recoveries started through the API and moved on directly through the aggregate, standing in for the saga (whose
 * listener has its own tests), with what the API would publish going through the outbox.
 */
@ApplicationScoped
public class TestRecoveries {

    /** What the gateway holds after starting a recovery. */
    public record Started(UUID recoveryId, String token) {
    }

    /** What a test compares before and after a refused request: nothing may have changed. */
    public record Snapshot(long accountVersion, String passwordHash, String phone, List<String> recoveries,
                           long outboxRows, long decoys) {

        /** The same account and recoveries, with another count of decoys (which other requests add). */
        public Snapshot withDecoys(long count) {
            return new Snapshot(accountVersion, passwordHash, phone, recoveries, outboxRows, count);
        }
    }

    private final Outbox outbox;
    private final EntityManager entityManager;

    TestRecoveries(Outbox outbox, EntityManager entityManager) {
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    public static Started start(String identifier) {
        JsonPath body = anonymous().body(new StartBody(identifier)).post("/api/v1/recoveries")
                .then().statusCode(202).extract().jsonPath();
        return new Started(UUID.fromString(body.getString("recoveryId")), body.getString("recoveryToken"));
    }

    /** {@code GET /api/v1/recoveries/{id}} as the token holder. */
    public static Response status(UUID recoveryId, String token) {
        return anonymous().header("Recovery-Token", token).get("/api/v1/recoveries/" + recoveryId);
    }

    /** The email verified and the identity confirmed at {@code assurance}, both at {@code at}. */
    @Transactional
    public void approve(UUID recoveryId, Assurance assurance, Instant at) {
        Recovery recovery = Recovery.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        List<LifelineEvent> events = new ArrayList<>();
        events.addAll(recovery.reactTo(new EmailVerified(UUID.randomUUID(), recovery.id(),
                recovery.accountId(), at, EmailVerificationMethod.CODE), at).events());
        events.addAll(recovery.reactTo(new IdentityConfirmed(UUID.randomUUID(), recovery.id(),
                recovery.accountId(), at, assurance == Assurance.HIGH ? IdentityCheckMethod.MANUAL
                : IdentityCheckMethod.AUTOMATED, assurance, List.of()), at).events());
        events.forEach(outbox::publish);
    }

    /** email-verification-service's word that the owner proved the email address, now. */
    @Transactional
    public void verifyEmail(UUID recoveryId) {
        Instant now = Instant.now();
        Recovery recovery = Recovery.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        recovery.reactTo(new EmailVerified(UUID.randomUUID(), recovery.id(), recovery.accountId(), now,
                EmailVerificationMethod.CODE), now).events().forEach(outbox::publish);
    }

    /** Ready now: approved at HIGH assurance, so without cooling-off. */
    public void makeReady(UUID recoveryId) {
        approve(recoveryId, Assurance.HIGH, Instant.now());
    }

    /** Approved and reset at {@code resetAt} (in the past, to put the phone change window behind us). */
    @Transactional
    public void completeAt(UUID recoveryId, Instant approvedAt, Instant resetAt) {
        approve(recoveryId, Assurance.HIGH, approvedAt);
        Recovery recovery = Recovery.findById(recoveryId, LockModeType.PESSIMISTIC_WRITE);
        recovery.resetPassword(resetAt).forEach(outbox::publish);
    }

    @Transactional
    public Recovery find(UUID recoveryId) {
        return Recovery.findById(recoveryId);
    }

    @Transactional
    public Snapshot snapshot(UUID accountId) {
        Account account = Account.findById(accountId);
        List<Recovery> recoveries = Recovery.list("accountId = ?1 order by createdAt", accountId);
        List<String> ids = recoveries.stream().map(r -> r.id().toString()).toList();
        long outboxRows = ids.isEmpty() ? 0 : OutboxMessage.count("subject in ?1", ids);
        return new Snapshot(account.version(), account.passwordHash(), account.phone().orElse(null),
                recoveries.stream().map(r -> r.id() + ":" + r.state() + ":" + r.version()).toList(),
                outboxRows, decoys());
    }

    @Transactional
    public long decoys() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM decoy_recovery").getSingleResult())
                .longValue();
    }

    /** Moves a real recovery's deadline, as time passing would. */
    @Transactional
    public void expireAt(UUID id, Instant expiresAt) {
        entityManager.createNativeQuery("UPDATE recovery SET expires_at = ?1 WHERE id = ?2")
                .setParameter(1, expiresAt).setParameter(2, id).executeUpdate();
    }

    /** Moves a phone code's deadline, as time passing would. */
    @Transactional
    public void agePhoneCode(UUID recoveryId, Instant expiresAt) {
        entityManager.createNativeQuery("UPDATE phone_proof SET expires_at = ?1 WHERE recovery_id = ?2")
                .setParameter(1, expiresAt).setParameter(2, recoveryId).executeUpdate();
    }

    /** Every stored column of a recovery's phone proof, as text (none when there is none). */
    @Transactional
    public List<String> phoneProofRow(UUID recoveryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT * FROM phone_proof WHERE recovery_id = ?1")
                .setParameter(1, recoveryId).getResultList();
        return rows.stream().flatMap(row -> Arrays.stream(row).map(String::valueOf)).toList();
    }

    /** Moves a decoy's deadline, as time passing would. */
    @Transactional
    public void ageDecoy(UUID id, Instant expiresAt) {
        entityManager.createNativeQuery("UPDATE decoy_recovery SET expires_at = ?1 WHERE id = ?2")
                .setParameter(1, expiresAt).setParameter(2, id).executeUpdate();
    }

    @Transactional
    public long decoysExpiredBefore(Instant before) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM decoy_recovery WHERE expires_at < ?1")
                .setParameter(1, before).getSingleResult()).longValue();
    }

    @Transactional
    public long outboxRowsOf(UUID recoveryId) {
        return OutboxMessage.count("subject = ?1", recoveryId.toString());
    }

    @Transactional
    public boolean decoyExists(UUID id) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM decoy_recovery WHERE id = ?1")
                .setParameter(1, id).getSingleResult()).longValue() == 1;
    }

    record StartBody(String identifier) {
    }
}
