package dev.lifeline.http.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad request bodies: JSON that does not parse or does not fit the request type, and Bean Validation violations.
 * All are 400 with {@code violations}. Jackson's own messages name Java types, so the details are rebuilt here
 * from the JSON path alone.
 */
public class InputProblemMappers {

    static final String BODY = "body";
    private static final String DUPLICATE = "Duplicate field '";

    @ServerExceptionMapper({JsonParseException.class, MismatchedInputException.class, JsonMappingException.class,
            JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return unreadable(e, uri.getPath());
    }

    /**
     * Jackson's "this type cannot be built from that JSON". quarkus-rest-jackson maps it to an empty 500 of its own
     * (a more specific mapper than {@link #unreadableJson}'s), which is right for a response that cannot be written
     * and wrong for a request body: while reading, it is the body's fault (e.g. a record creator given a key twice,
     * before duplicate keys were refused), so it is a 400 like any other unreadable body.
     */
    @ServerExceptionMapper
    public Response undefinable(InvalidDefinitionException e, UriInfo uri) {
        return respondToUndefinable(e, uri.getPath());
    }

    static Response respondToUndefinable(InvalidDefinitionException e, String path) {
        if (e.getProcessor() instanceof JsonGenerator) {
            return UnexpectedProblemMapper.respond(e, path); // writing an answer: a defect, not the caller's input
        }
        return unreadable(e, path);
    }

    /** Also for Quarkus's JSON reader, which wraps parse errors in a 400 WebApplicationException. */
    static Response unreadable(JsonProcessingException e, String path) {
        Violation violation;
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            violation = new Violation(duplicate, "appears more than once");
        } else if (e instanceof InvalidDefinitionException) {
            violation = new Violation(BODY, "must be a JSON object of the documented shape");
        } else if (e instanceof JsonParseException parse) {
            violation = new Violation(BODY, "is not valid JSON (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")");
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            violation = new Violation(jsonPath(mapping.getPath()), wrongValue(mapping));
        } else {
            violation = new Violation(BODY, "must be a JSON object of the documented shape");
        }
        return ProblemResponses.of(unreadableBody(violation), path);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return ProblemResponses.of(invalidRequest("The request is not valid.", violations), uri.getPath());
    }

    /** The 400 for a body that cannot be read as the request's type, saying why. */
    static Problem unreadableBody(Violation why) {
        return invalidRequest("The request body cannot be read.", List.of(why));
    }

    /** The 400 problem every bad input gets; application code uses it for checks Bean Validation cannot express. */
    public static Problem invalidRequest(String detail, List<Violation> violations) {
        return Problem.typed("invalid-request", "Invalid request", 400)
                .detail(detail)
                .with("violations", violations);
    }

    /**
     * The JSON path of a key {@link StrictJson} found twice in one object, or null for any other failure. Jackson's
     * duplicate detection says so only in its parser's message ("Duplicate field 'x'"); within a nested object the
     * databind layer wraps it with the path to that object.
     */
    static String duplicateKey(JsonProcessingException e) {
        JsonParseException parse = e instanceof JsonParseException self ? self
                : e.getCause() instanceof JsonParseException cause ? cause : null;
        String message = parse == null ? null : parse.getOriginalMessage();
        if (message == null || !message.startsWith(DUPLICATE) || message.indexOf('\'', DUPLICATE.length()) < 0) {
            return null;
        }
        String key = message.substring(DUPLICATE.length(), message.indexOf('\'', DUPLICATE.length()));
        return e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? jsonPath(mapping.getPath()) + "." + key : key;
    }

    private static String wrongValue(JsonMappingException e) {
        if (e instanceof StrictJson.ControlCharacterException) {
            return "must not contain control characters";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + jsonKind(mismatch.getTargetType());
        }
        return "has a value of the wrong type";
    }

    /** What a JSON sender should have sent, without naming Java types. */
    private static String jsonKind(Class<?> type) {
        if (type == String.class || type.isEnum() || type == java.util.UUID.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                parts.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                parts.add("[" + reference.getIndex() + "]");
            }
        }
        return parts.isEmpty() ? BODY : String.join(".", parts).replace(".[", "[");
    }

    /**
     * {@code create.body.username} becomes {@code username}; a parameter itself keeps its name ({@code body} for the
     * request body, which resources name so, or e.g. {@code accountId}).
     */
    private static String field(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = BODY;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? parameter : String.join(".", parts);
    }
}
