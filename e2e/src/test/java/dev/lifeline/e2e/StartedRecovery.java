package dev.lifeline.e2e;

import java.util.Map;

/** A recovery as the gateway holds it after the start: its id, the secret token, and whose it is. */
record StartedRecovery(String id, String token, Owner owner) {

    /** What every end-user call of this recovery carries: the token, and the end user's address behind the gateway. */
    Map<String, String> headers() {
        return Map.of("Recovery-Token", token, "X-Forwarded-For", owner.address());
    }

    @Override
    public String toString() {
        return "recovery " + id; // the token stays out of assertion messages
    }
}
