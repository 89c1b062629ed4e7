package dev.lifeline.identity.account;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;

import java.util.List;

/** 422: the new password is well-formed but refused by {@link PasswordPolicy}, with its reasons and advice. */
public class WeakPasswordException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public WeakPasswordException(String field, List<PasswordPolicy.Violation> reasons) {
        super(Problem.typed("weak-password", "Password not accepted", 422)
                .detail("Choose another password: " + reasons.get(0).message())
                .with("violations", reasons.stream()
                        .map(r -> new Violation(field, r.message(), r.reason().name(), r.suggestions()))
                        .toList()));
    }
}
