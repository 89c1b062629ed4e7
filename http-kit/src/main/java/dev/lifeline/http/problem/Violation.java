package dev.lifeline.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One reason a request was refused, in a problem's {@code violations} member.
 *
 * @param field       the request member at fault, e.g. {@code password} or {@code contacts.email}; {@code body} for
 *                    the body as a whole
 * @param reason      a machine-readable code where the caller may act on it (e.g. a password policy reason)
 * @param suggestions how to do better, where there is advice
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Violation(String field, String message, String reason, List<String> suggestions) {

    public Violation {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    public Violation(String field, String message) {
        this(field, message, null, List.of());
    }
}
