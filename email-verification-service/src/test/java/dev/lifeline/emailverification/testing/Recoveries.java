package dev.lifeline.emailverification.testing;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.events.EventReference;
import dev.lifeline.messaging.KafkaTestClient;

import dev.lifeline.http.security.TokenHashes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Recoveries as identity-service announces them: each test's own, published on the real identity topic with
 * CloudEvents headers, with the token a gateway client would hold.
 */
public final class Recoveries {

    /** A recovery the tests play the token holder of; {@code email} is null when it has none. */
    public record TestRecovery(UUID recoveryId, UUID accountId, String token, String email, String locale) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Recoveries() {
    }

    /** A recovery of an account with a verified address, needing EMAIL and IDENTITY; its mail goes out. */
    public static TestRecovery withEmail(String locale) {
        TestRecovery recovery = create(UUID.randomUUID() + "@example.org", locale);
        publish(requested(recovery, List.of(Evidence.EMAIL, Evidence.IDENTITY)));
        return recovery;
    }

    public static TestRecovery withEmail() {
        return withEmail("en");
    }

    /**
     * A recovery of another account (or another recovery of the same) whose mail goes to {@code email}, not
     * announced: for tests that open its challenge themselves.
     */
    public static TestRecovery unannouncedTo(String email) {
        return unannouncedTo(email, "en");
    }

    public static TestRecovery unannouncedTo(String email, String locale) {
        return create(email, locale);
    }

    /** A recovery of an account without an address: IDENTITY at HIGH, nothing sent. */
    public static TestRecovery withoutEmail() {
        TestRecovery recovery = create(null, "en");
        publish(requested(recovery, List.of(Evidence.IDENTITY)));
        return recovery;
    }

    /** A decoy: identity-service's answer to an unknown identifier. */
    public static TestRecovery decoy() {
        TestRecovery recovery = new TestRecovery(UUID.randomUUID(), null, newToken(), null, "en");
        Instant now = Instant.now();
        publish(new RecoveryDecoyStarted(UUID.randomUUID(), recovery.recoveryId(), now, now.plus(Duration.ofHours(24)),
                TokenHashes.sha256(recovery.token())));
        return recovery;
    }

    public static RecoveryRequested requested(TestRecovery recovery, List<Evidence> required) {
        Instant now = Instant.now();
        return new RecoveryRequested(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), now,
                now.plus(Duration.ofHours(24)), new RecoveryPolicy(required, Assurance.SUBSTANTIAL, Duration.ofHours(24)),
                new Contacts(recovery.email(), recovery.email() != null, PhoneStatus.SUSPENDED, recovery.locale()),
                TokenHashes.sha256(recovery.token())).from(REQUESTED_FROM);
    }

    /** The network every test recovery was asked for from, as identity-service would say it. */
    public static final String REQUESTED_FROM = "203.0.113.0/24";

    public static void completed(TestRecovery recovery) {
        publish(new PasswordReset(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(), true));
    }

    public static void cancelled(TestRecovery recovery) {
        publish(new RecoveryCancelled(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(),
                CancelledBy.OWNER, recovery.accountId().toString()));
    }

    public static void expired(TestRecovery recovery) {
        publish(new RecoveryExpired(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now()));
    }

    public static void rejected(TestRecovery recovery) {
        publish(new RecoveryRejected(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(),
                new EventReference("dev.lifeline.IdentityRejected.v1", UUID.randomUUID())));
    }

    /** Writes the event as identity-service's relay would (the same record twice is a redelivery). */
    public static void publish(LifelineEvent event) {
        KafkaTestClient.forApplication().publish(event);
    }

    private static TestRecovery create(String email, String locale) {
        return new TestRecovery(UUID.randomUUID(), UUID.randomUUID(), newToken(), email, locale);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
