package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.identity.recovery.RecoveryStateException;

/** Why a token holder's request was refused, as a short code for the audit line. */
final class Refusals {

    private Refusals() {
    }

    static String reasonOf(RuntimeException refusal) {
        if (refusal instanceof RecoveryStateException state) {
            return state.reason().name();
        }
        if (refusal instanceof RecoveryNotFoundException) {
            return "NO_MATCHING_RECOVERY";
        }
        if (refusal instanceof ProblemException problem) {
            return problem.problem().status() + ":" + problem.problem().type();
        }
        return "ERROR:" + refusal.getClass().getSimpleName();
    }
}
