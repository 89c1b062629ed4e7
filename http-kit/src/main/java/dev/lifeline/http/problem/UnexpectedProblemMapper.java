package dev.lifeline.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Everything no other mapper claims: a defect or an outage, never the caller's input. The caller gets a 500
 * problem with a correlation id and nothing else; the log gets the exception under the same id. Two exceptions are
 * the input's fault, and a 400: PostgreSQL refusing a value (SQLState class 22), and quarkus-rest's form parser
 * failing on the request body (e.g. {@code t=%zz}: an IllegalArgumentException from its URL decoding).
 */
public class UnexpectedProblemMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class);
    private static final String FORM_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return respond(e, uri.getPath());
    }

    static Response respond(Throwable e, String path) {
        if (isDataException(e)) {
            // SQLState class 22 (data exception: a value the column cannot hold, an invalid byte sequence, ...): the
            // input's fault, and nothing was stored, since the statement failed.
            LOG.debugf(e, "Data exception on %s", path);
            return ProblemResponses.of(InputProblemMappers.invalidRequest("The request contains a value that cannot be stored.",
                    List.of(new Violation(InputProblemMappers.BODY, "contains a value that cannot be stored"))), path);
        }
        if (isFormParserFailure(e)) {
            LOG.debugf(e, "Unreadable form body on %s", path);
            return ProblemResponses.of(InputProblemMappers.unreadableBody(
                    new Violation(InputProblemMappers.BODY, "is not valid form data")), path);
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s, correlationId=%s", path, correlationId);
        return ProblemResponses.of(Problem.of(Response.Status.INTERNAL_SERVER_ERROR)
                .detail("The request could not be completed. Quote the correlation id when reporting this.")
                .with("correlationId", correlationId), path);
    }

    /** Whether quarkus-rest's form or multipart parser threw it while reading the request body. */
    static boolean isFormParserFailure(Throwable e) {
        if (!(e instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(FORM_PARSER)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a JDBC exception with SQLState class 22 is anywhere in the chain. */
    static boolean isDataException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }
}
