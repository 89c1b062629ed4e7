package dev.lifeline.identity.account;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;

import java.util.List;

/** 409: a username, email or phone another account already has. Only admins can ask, so naming it is fine. */
public class DuplicateAccountException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public DuplicateAccountException(List<String> fields) {
        super(Problem.typed("duplicate-account", "Account already exists", 409)
                .detail("Another account already uses this " + String.join(", ", fields) + ".")
                .with("violations", fields.stream()
                        .map(field -> new Violation(field, "belongs to another account"))
                        .toList()));
    }
}
