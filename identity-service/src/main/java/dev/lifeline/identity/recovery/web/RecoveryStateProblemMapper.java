package dev.lifeline.identity.recovery.web;

import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemResponses;
import dev.lifeline.identity.recovery.RecoveryStateException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A command the recovery's state does not allow: 409 with the machine-readable {@code reason}, also for an expired
 * recovery (the recovery still exists and GET shows it EXPIRED, so 410 Gone would say too much), and with
 * {@code retryAt} and {@code Retry-After} while a cooling-off runs.
 */
public class RecoveryStateProblemMapper {

    @ServerExceptionMapper
    public Response refused(RecoveryStateException e, UriInfo uri) {
        Problem problem = Problem.typed("recovery-state", "Not possible in the recovery's current state", 409)
                .detail(e.getMessage())
                .with("reason", e.reason().name());
        if (e.retryAt().isEmpty()) {
            return ProblemResponses.of(problem, uri.getPath());
        }
        Instant retryAt = e.retryAt().get();
        long seconds = Math.max(1, Duration.between(Instant.now(), retryAt).toSeconds() + 1);
        return ProblemResponses.of(problem.with("retryAt", retryAt.toString()), uri.getPath(),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }
}
