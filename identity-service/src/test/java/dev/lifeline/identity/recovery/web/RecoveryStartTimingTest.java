package dev.lifeline.identity.recovery.web;

import dev.lifeline.identity.account.PasswordHasher;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known and unknown identifiers do the same work, not merely wait for the same floor: with the floor at zero, a few
 * hundred interleaved starts from several clients at once take the same median time.
 */
@IdentityTest
@TestProfile(RecoveryStartTimingTest.NoResponseFloor.class)
class RecoveryStartTimingTest {

    /** The floor off, so that what is measured is the work below it. */
    public static class NoResponseFloor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.recovery-start.response-floor", "PT0S");
        }
    }

    private static final int PER_KIND = 200;
    private static final int CLIENTS = 4;

    @Inject
    TestAccounts accounts;

    @Inject
    PasswordHasher hasher;

    @Test
    void knownAndUnknownIdentifiersTakeTheSameTimeBelowTheFloor() throws Exception {
        // Accounts with one precomputed hash: creating them must not take longer than the measurement.
        String hash = hasher.hash(TestAccounts.strongPassword());
        List<String> known = new ArrayList<>();
        for (int i = 0; i < PER_KIND + 20; i++) {
            known.add(accounts.createWithHash(true, false, hash).username());
        }
        List<Boolean> kinds = new ArrayList<>(Collections.nCopies(PER_KIND + 20, true));
        kinds.addAll(Collections.nCopies(PER_KIND + 20, false));
        Collections.shuffle(kinds);
        ConcurrentLinkedQueue<String> knownLeft = new ConcurrentLinkedQueue<>(known);
        ConcurrentLinkedQueue<Boolean> work = new ConcurrentLinkedQueue<>(kinds);
        ConcurrentLinkedQueue<Long> knownNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> unknownNanos = new ConcurrentLinkedQueue<>();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (Boolean isKnown = work.poll(); isKnown != null; isKnown = work.poll()) {
                        String identifier = isKnown ? knownLeft.poll() : Api.uniqueName("nobody");
                        long start = System.nanoTime();
                        RecoveryStartTest.start(identifier).then().statusCode(202);
                        (isKnown ? knownNanos : unknownNanos).add(System.nanoTime() - start);
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }

        // The first 20 of each kind warm both paths up.
        double knownMedian = medianMillis(knownNanos, 20);
        double unknownMedian = medianMillis(unknownNanos, 20);
        String comparison = String.format("median known %.2f ms, unknown %.2f ms", knownMedian, unknownMedian);
        System.out.println("recovery start below the floor, " + CLIENTS + " clients: " + comparison);
        assertThat(Math.abs(knownMedian - unknownMedian)).as(comparison)
                .isLessThanOrEqualTo(Math.max(0.25 * Math.min(knownMedian, unknownMedian), 3.0));
    }

    private static double medianMillis(ConcurrentLinkedQueue<Long> nanos, int warmUp) {
        List<Long> measured = new ArrayList<>(nanos).subList(warmUp, nanos.size());
        List<Long> sorted = new ArrayList<>(measured);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
