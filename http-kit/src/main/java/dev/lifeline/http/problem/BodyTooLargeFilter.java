package dev.lifeline.http.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 413 as a problem. The HTTP layer enforces {@code quarkus.http.limits.max-body-size} before any exception mapper
 * runs and answers with an empty body; a declared {@code Content-Length} over the limit is answered here first,
 * before a byte of the body is read.
 */
@ApplicationScoped
class BodyTooLargeFilter {

    /** Before the routes, after nothing that reads the body. */
    private static final int PRIORITY = 100;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        filters.register(context -> {
            if (declaredLength(context) > limit) {
                Problem problem = Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                        .detail("The request body may be at most " + limit / 1024 + " KiB.")
                        .instance(context.request().path());
                context.response()
                        .setStatusCode(problem.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        // The unread body would otherwise be taken for the next request on this connection.
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(ProblemResponses.write(problem));
            } else {
                context.next();
            }
        }, PRIORITY);
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer rejects it
        }
    }
}
