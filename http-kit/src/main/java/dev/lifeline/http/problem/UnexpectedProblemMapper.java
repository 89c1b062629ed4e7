package dev.lifeline.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Everything no other mapper claims: a defect or an outage, never the caller's input. The caller gets a 500
 * problem with a correlation id and nothing else; the log gets the exception under the same id.
 */
public class UnexpectedProblemMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class);

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return respond(e, uri.getPath());
    }

    static Response respond(Throwable e, String path) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s, correlationId=%s", path, correlationId);
        return ProblemResponses.of(Problem.of(Response.Status.INTERNAL_SERVER_ERROR)
                .detail("The request could not be completed. Quote the correlation id when reporting this.")
                .with("correlationId", correlationId), path);
    }
}
