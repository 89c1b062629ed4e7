package dev.lifeline.emailverification.testing;

import dev.lifeline.emailverification.challenge.EmailChallenge;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The service's challenges as stored, for tests that wait for an event's effect or check that nothing changed. */
public final class StoredChallenges {

    private StoredChallenges() {
    }

    public static EmailChallenge find(UUID recoveryId) {
        return QuarkusTransaction.requiringNew().call(() -> EmailChallenge.<EmailChallenge>findById(recoveryId));
    }

    /** Waits until the recovery's start event has opened its challenge (and, for a silent one, issued it). */
    public static EmailChallenge awaitOpened(UUID recoveryId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(recoveryId) != null);
        return find(recoveryId);
    }

    public static EmailChallenge awaitState(UUID recoveryId, EmailChallenge.State state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            EmailChallenge challenge = find(recoveryId);
            return challenge != null && challenge.state() == state;
        });
        return find(recoveryId);
    }
}
