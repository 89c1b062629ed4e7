package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;

/**
 * The one answer for a recovery code that does not count, whatever the reason: mistyped, used, replaced by a newer
 * set, an account without codes, a policy that takes none, or a decoy. Nothing tells them apart, and it answers as a
 * wrong email code does (the contract): 400, one message.
 */
class InvalidRecoveryCodeException extends ProblemException {
    private static final long serialVersionUID = 1L;

    InvalidRecoveryCodeException() {
        super(Problem.typed("recovery-code-refused", "The code is not valid", 400)
                .detail("Check the code against your saved recovery codes: each works once, and a newer set "
                        + "replaces the older one."));
    }
}
