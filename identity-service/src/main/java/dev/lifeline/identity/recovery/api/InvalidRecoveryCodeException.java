package dev.lifeline.identity.recovery.api;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;

/**
 * The one answer for a recovery code that does not count, whatever the reason: mistyped, used, replaced by a newer
 * set, an account without codes, a policy that takes none, or a decoy. Nothing tells them apart.
 */
public class InvalidRecoveryCodeException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public InvalidRecoveryCodeException() {
        super(Problem.typed("recovery-code-not-accepted", "The recovery code was not accepted", 422)
                .detail("The code may be mistyped, used already or replaced by a newer set, or this recovery cannot "
                        + "use one."));
    }
}
