package dev.lifeline.http.problem;

import java.util.Map;
import java.util.Objects;

/**
 * An expected refusal that the API answers with {@link #problem()}: thrown by application code for answers that
 * are not the happy path (401, 409, 422, 429, ...). No stack trace is filled, because nothing went wrong.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** @param headers response headers that belong to the answer, e.g. {@code Retry-After} */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(Objects.requireNonNull(problem, "problem").title(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
