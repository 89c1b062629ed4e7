package dev.lifeline.identity.account;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link PasswordHasher} behind a fair semaphore: every Argon2 computation of a request (hash, verify, the decoy
 * verify for unknown identifiers) takes a slot, so a burst of logins queues instead of running the JVM out of heap.
 * Known and unknown identifiers queue the same way, which keeps their timing alike.
 */
@ApplicationScoped
public class PasswordHashing {

    private final PasswordHasher hasher;
    private final Semaphore slots;
    private final long maxWaitMillis;

    PasswordHashing(PasswordHasher hasher, PasswordHashingConfig config) {
        this.hasher = hasher;
        this.slots = new Semaphore(config.maxConcurrent(), true);
        this.maxWaitMillis = config.maxWait().toMillis();
    }

    public String hash(CharSequence password) {
        return withSlot(() -> hasher.hash(password));
    }

    public boolean verify(CharSequence password, String encodedHash) {
        return withSlot(() -> hasher.verify(password, encodedHash));
    }

    /** The work of a wrong password, for an identifier that names no account; always false. */
    public boolean verifyUnknown(CharSequence password) {
        return withSlot(() -> hasher.verifyUnknown(password));
    }

    public boolean needsRehash(String encodedHash) {
        return hasher.needsRehash(encodedHash);
    }

    private <T> T withSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE)
                    .detail("Too many password checks are running; try again shortly."),
                    Map.of(HttpHeaders.RETRY_AFTER, "1"));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
