package dev.lifeline.http.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem details body. Problems that say no more than their HTTP status use {@code about:blank} with
 * the status's reason phrase as title; the others name a type under {@value #TYPE_BASE}. Extension members (e.g.
 * {@code violations}, {@code retryAt}) follow the standard members. Nothing here may carry a stack trace, a class
 * name or a secret: details are written for the API's caller.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lifeline.dev/problems/";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final URI type;
    private final String title;
    private final int status;
    private String detail;
    private String instance;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Problem(URI type, String title, int status) {
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.status = status;
    }

    /** A problem that means no more than its status, e.g. 404 or 405. */
    public static Problem of(Response.StatusType status) {
        return new Problem(ABOUT_BLANK, status.getReasonPhrase(), status.getStatusCode());
    }

    /** A problem of the given status without a registered reason phrase, e.g. 422 or 429. */
    public static Problem of(int status, String title) {
        return new Problem(ABOUT_BLANK, title, status);
    }

    /** A problem of a Lifeline type, {@code slug} naming it under {@value #TYPE_BASE}. */
    public static Problem typed(String slug, String title, int status) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status);
    }

    public Problem detail(String detail) {
        this.detail = detail;
        return this;
    }

    /** The URI reference of this occurrence; the mappers use the request path when none was set. */
    public Problem instance(String instance) {
        this.instance = instance;
        return this;
    }

    /** An extension member; the standard members' names are reserved. */
    public Problem with(String name, Object value) {
        if (Objects.equals(name, "type") || Objects.equals(name, "title") || Objects.equals(name, "status")
                || Objects.equals(name, "detail") || Objects.equals(name, "instance")) {
            throw new IllegalArgumentException(name + " is a standard member");
        }
        extensions.put(name, value);
        return this;
    }

    @JsonProperty
    public URI type() {
        return type;
    }

    @JsonProperty
    public String title() {
        return title;
    }

    @JsonProperty
    public int status() {
        return status;
    }

    @JsonProperty
    public String detail() {
        return detail;
    }

    @JsonProperty
    public String instance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }
}
