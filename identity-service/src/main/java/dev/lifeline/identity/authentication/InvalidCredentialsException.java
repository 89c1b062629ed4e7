package dev.lifeline.identity.authentication;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;

/** The one 401 for a wrong password and an unknown identifier alike: nothing tells them apart. */
public class InvalidCredentialsException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super(Problem.typed("invalid-credentials", "Invalid credentials", 401)
                .detail("The identifier or the password is wrong."));
    }
}
