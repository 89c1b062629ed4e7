package dev.lifeline.identity.recovery.api;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/**
 * The one 404 for an unknown id, a missing or wrong Recovery-Token, and a token that died with the reset: none of
 * them tells which it was.
 */
public class RecoveryNotFoundException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public RecoveryNotFoundException() {
        super(Problem.of(Response.Status.NOT_FOUND).detail("No recovery matches this id and Recovery-Token."));
    }
}
