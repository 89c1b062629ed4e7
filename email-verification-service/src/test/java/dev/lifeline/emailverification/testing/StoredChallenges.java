package dev.lifeline.emailverification.testing;

import dev.lifeline.emailverification.challenge.Challenges;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.events.Evidence;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The service's challenges as stored, for tests that wait for an event's effect or check that nothing changed. */
public final class StoredChallenges {

    private StoredChallenges() {
    }

    /**
     * Opens the recoveries' delivering challenges as their start events would, in one transaction: their mails
     * become due together. Each is requested a millisecond after the one before, so that their order is known.
     */
    public static void openTogether(List<TestRecovery> recoveries) {
        Challenges challenges = Arc.container().instance(Challenges.class).get();
        Instant first = Instant.now().minusMillis(recoveries.size());
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < recoveries.size(); i++) {
                Instant requestedAt = first.plusMillis(i);
                challenges.open(EmailChallenge.of(Recoveries.requested(recoveries.get(i),
                        List.of(Evidence.EMAIL, Evidence.IDENTITY)), requestedAt), requestedAt);
            }
        });
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
