package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;

/**
 * The one 404 for an unknown id, a missing or wrong Recovery-Token, and a token that died with the reset: none of
 * them tells which it was.
 */
class RecoveryNotFoundException extends ProblemException {
    private static final long serialVersionUID = 1L;

    RecoveryNotFoundException() {
        super(Problem.of(404, "Not Found").detail("No recovery matches this id and Recovery-Token."));
    }
}
