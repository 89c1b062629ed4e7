package dev.lifeline.identity.account;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;

import java.util.UUID;

/**
 * 404: no account has this id. Only the gateway and admins address accounts by id (a signed-in user's own, or
 * support's look-up), so saying so reveals nothing to a stranger.
 */
public class AccountNotFoundException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public AccountNotFoundException(UUID accountId) {
        super(Problem.typed("account-not-found", "No such account", 404)
                .detail("There is no account " + accountId + "."));
    }
}
