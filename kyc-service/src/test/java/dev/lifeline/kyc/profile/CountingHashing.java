package dev.lifeline.kyc.profile;

import java.util.concurrent.atomic.AtomicInteger;

/** The real hashing at one iteration, counting the slow answer hashes (the work a submission's timing shows). */
public class CountingHashing extends FactHashing {

    private final AtomicInteger slowHashes = new AtomicInteger();

    public CountingHashing() {
        super(new ProfileConfig() {
            @Override
            public String factKey() {
                return "unit-test-fact-key-not-secret-0123456789";
            }

            @Override
            public int answerHashIterations() {
                return 1;
            }
        });
    }

    @Override
    public boolean answerMatches(String normalized, String stored) {
        slowHashes.incrementAndGet();
        return super.answerMatches(normalized, stored);
    }

    /** Slow hashes since the last call. */
    public int takeCount() {
        return slowHashes.getAndSet(0);
    }
}
