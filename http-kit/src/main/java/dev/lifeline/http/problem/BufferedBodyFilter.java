package dev.lifeline.http.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
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
 * body from memory.
 */
@ApplicationScoped
class BufferedBodyFilter {

    /** After {@link BodyTooLargeFilter} (which refuses a declared length over the limit unread), before the routes. */
    private static final int PRIORITY = 90;

    void register(@Observes Filters filters,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        filters.register(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()), PRIORITY);
        // An empty body is buffered as none at all, and quarkus-rest would then wait to read the spent socket.
        filters.register(context -> {
            if (context.getBody() == null) {
                context.setBody(Buffer.buffer());
            }
            context.next();
        }, PRIORITY - 1);
    }
}
