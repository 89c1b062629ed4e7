package dev.lifeline.http.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request body is read into memory on the I/O thread, up to {@code quarkus.http.limits.max-body-size}, before
 * a worker thread takes the request. quarkus-rest hands a blocking endpoint's request to a worker first and lets
 * it read the body from the socket there (its input buffer applies to non-blocking endpoints only), so ~200 clients
 * that sent part of a body and stopped held every worker for the 60 s read timeout, and everyone else waited
 * (issue 22.10). Now such a client holds a socket and a few KiB, never a thread; quarkus-rest reads the buffered
 * body from memory. A request whose body is empty loses its {@code Content-Type}, which describes nothing then
 * (issue 29.2: a proxy that adds one to a GET made it a 415).
 */
@ApplicationScoped
class BufferedBodyFilter {

    /** After {@link BodyTooLargeFilter} (which refuses a declared length over the limit unread), before the routes. */
    private static final int PRIORITY = 90;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        filters.register(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()), PRIORITY);
        filters.register(context -> {
            if (context.getBody() == null || context.getBody().length() == 0) {
                // An empty body is buffered as none at all, and quarkus-rest would then wait to read the spent socket.
                context.setBody(Buffer.buffer());
                // A Content-Type without a body describes nothing (a proxy may add one to a GET): it must not turn
                // a GET into a 415, nor a POST without its body into anything but the 400 that names the body.
                context.request().headers().remove(HttpHeaders.CONTENT_TYPE);
            }
            context.next();
        }, PRIORITY - 1);
    }
}
