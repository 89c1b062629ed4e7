package dev.lifeline.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * Answers of the HTTP layer as problems: unknown route, wrong method, unsupported media type, missing or wrong
 * credentials, missing role. Authentication runs lazily ({@code quarkus.http.auth.proactive=false}), so its
 * failures reach these mappers instead of ending as empty responses.
 */
public class HttpProblemMappers {

    private static final Map<String, String> BEARER_CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(Response.Status.NOT_FOUND)
                .detail("There is no resource at this path."), uri.getPath());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return ProblemResponses.of(Problem.of(Response.Status.METHOD_NOT_ALLOWED)
                        .detail("This resource does not support the method" + (allow == null ? "." : "; use " + allow + ".")),
                uri.getPath(), allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                .detail("Send the request body as application/json."), uri.getPath());
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(Response.Status.NOT_ACCEPTABLE)
                .detail("This resource answers with application/json."), uri.getPath());
    }

    /** Any other status the HTTP layer decided on, e.g. 400 for a malformed header; its entity is never shown. */
    @ServerExceptionMapper
    public Response otherHttpStatus(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return InputProblemMappers.unreadable(json, uri.getPath());
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return UnexpectedProblemMapper.respond(e, uri.getPath()); // not the caller's fault
        }
        return ProblemResponses.of(Problem.of(status), uri.getPath());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(Response.Status.UNAUTHORIZED)
                .detail("A valid bearer token is required."), uri.getPath(), BEARER_CHALLENGE);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(Response.Status.FORBIDDEN)
                .detail("The bearer token does not grant a role this resource needs."), uri.getPath());
    }
}
