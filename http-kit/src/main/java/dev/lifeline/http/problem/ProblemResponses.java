package dev.lifeline.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Turns a {@link Problem} into the response: its status, {@code application/problem+json}, and the request path as instance. */
public final class ProblemResponses {

    /** Problems are small and of one shape; one mapper, independent of the application's JSON settings. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ProblemResponses() {
    }

    public static Response of(Problem problem, String requestPath) {
        return of(problem, requestPath, Map.of());
    }

    public static Response of(Problem problem, String requestPath, Map<String, String> headers) {
        if (problem.instance() == null && requestPath != null) {
            problem.instance(requestPath.startsWith("/") ? requestPath : "/" + requestPath);
        }
        Response.ResponseBuilder response = Response.status(problem.status())
                .header(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // Written here rather than by a message body writer, so that no Accept header can turn an error
                // into a 406 or into another representation.
                .entity(write(problem));
        headers.forEach(response::header);
        return response.build();
    }

    static String write(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // Only strings, numbers, URIs, lists and records are put into problems.
            throw new IllegalStateException("Cannot write a problem of type " + problem.type(), e);
        }
    }
}
