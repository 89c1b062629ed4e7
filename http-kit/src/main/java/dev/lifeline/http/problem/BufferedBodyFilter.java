package dev.lifeline.http.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;

/**
 * Request bodies, before any resource sees them:
 * <ul>
 *   <li><b>Read on the I/O thread.</b> quarkus-rest hands a blocking endpoint's request to a worker first and lets it
 *   read the body from the socket there (its input buffer applies to non-blocking endpoints only), so ~200 clients
 *   that sent part of a body and stopped held every worker for the 60 s read timeout (issue 22.10). Every body up to
 *   {@code quarkus.http.limits.max-body-size} is now buffered first; quarkus-rest reads it from memory. Form and
 *   multipart bodies are left to quarkus-rest, which reads them without a worker and answers a JSON endpoint's
 *   wrong media type with a 415 before reading: Vert.x's body handler would decode them (and fail with its own
 *   non-problem errors, or a 500 for a GET that carries one). HTTP/1.x only: on an HTTP/2 stream (also one that
 *   came as an h2c upgrade, as the JDK's HTTP client asks for) quarkus-rest pauses the request it finds already
 *   read and fails with a 500, so HTTP/2 bodies are left to quarkus-rest, whose HTTP/2 flow control bounds what a
 *   stalled stream holds. (The UTF-8 check is {@link Utf8Bodies}, for every protocol.)</li>
 *   <li><b>No body, no {@code Content-Type}.</b> A header that describes nothing (a proxy may add one to a GET) must
 *   not turn a GET into a 415, nor a POST without its body into anything but the 400 that names the body
 *   (issue 29.2).</li>
 * </ul>
 */
@ApplicationScoped
class BufferedBodyFilter {

    /** After {@link BodyTooLargeFilter} (which refuses a declared length over the limit unread), before the routes. */
    private static final int PRIORITY = 90;
    private static final List<String> LEFT_TO_THE_FORM_READER = List.of("multipart/", "application/x-www-form-urlencoded");

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        Handler<RoutingContext> buffering = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue());
        filters.register(context -> {
            HttpServerRequest request = context.request();
            if (!hasBody(request)) {
                request.headers().remove(HttpHeaders.CONTENT_TYPE);
                context.setBody(Buffer.buffer()); // quarkus-rest would otherwise wait to read the spent socket
                context.next();
            } else if (isForm(request) || request.version() == HttpVersion.HTTP_2) {
                context.next();
            } else {
                buffering.handle(context); // calls the next handler once the whole body is in
            }
        }, PRIORITY);
        filters.register(context -> {
            if (context.getBody() == null && buffered(context.request())) {
                context.setBody(Buffer.buffer()); // an empty body is buffered as none at all
            }
            context.next();
        }, PRIORITY - 1);
    }

    /** A request declares a body by a positive Content-Length or by chunked transfer. */
    private static boolean hasBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.strip().equals("0");
    }

    private static boolean buffered(HttpServerRequest request) {
        return !isForm(request) && request.version() != HttpVersion.HTTP_2;
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String lower = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        return LEFT_TO_THE_FORM_READER.stream().anyMatch(lower::startsWith);
    }

}
