package dev.lifeline.identity.account;

import dev.lifeline.http.ratelimit.WorkSlots;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link PasswordHasher} behind {@link WorkSlots}: every Argon2 computation of a request (hash, verify, the decoy
 * verify for unknown identifiers) takes a slot, so a burst of logins queues instead of running the JVM out of heap.
 * Known and unknown identifiers queue the same way, which keeps their timing alike.
 */
@ApplicationScoped
public class PasswordHashing {

    private final PasswordHasher hasher;
    private final WorkSlots slots;

    PasswordHashing(PasswordHasher hasher, PasswordHashingConfig config) {
        this.hasher = hasher;
        this.slots = new WorkSlots(config.maxConcurrent(), config.maxWait(),
                "Too many password checks are running; try again shortly.");
    }

    public String hash(CharSequence password) {
        return slots.run(() -> hasher.hash(password));
    }

    public boolean verify(CharSequence password, String encodedHash) {
        return slots.run(() -> hasher.verify(password, encodedHash));
    }

    /** The work of a wrong password, for an identifier that names no account; always false. */
    public boolean verifyUnknown(CharSequence password) {
        return slots.run(() -> hasher.verifyUnknown(password));
    }

    public boolean needsRehash(String encodedHash) {
        return hasher.needsRehash(encodedHash);
    }
}
