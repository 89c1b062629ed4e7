package dev.lifeline.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Application code's own refusals, each carrying its problem. */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response map(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e.problem(), uri.getPath(), e.headers());
    }
}
