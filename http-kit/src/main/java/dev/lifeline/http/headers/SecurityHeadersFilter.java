package dev.lifeline.http.headers;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every answer (security requirement 12): nothing is cached by a proxy or a browser (answers carry or
 * accept a Recovery-Token), content types are not sniffed, no referrer leaks a link token. HTML pages also get a
 * strict Content-Security-Policy and may not be framed. Added as the headers are written, so that every route,
 * error and early refusal carries them.
 */
@ApplicationScoped
class SecurityHeadersFilter {

    static final String CACHE_CONTROL = "no-store";
    static final String NOSNIFF = "nosniff";
    static final String NO_REFERRER = "no-referrer";
    /** Pages are self-contained: their own styles and a form posting back to this origin, nothing else. */
    static final String HTML_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** Before every other filter, so that answers those end early carry the headers too. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.addHeadersEndHandler(ended -> secure(context.response().headers()));
            context.next();
        }, PRIORITY);
    }

    static void secure(MultiMap headers) {
        headers.set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        headers.set("X-Content-Type-Options", NOSNIFF);
        headers.set("Referrer-Policy", NO_REFERRER);
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, "text/html", 0, "text/html".length())) {
            headers.set("Content-Security-Policy", HTML_CSP);
            headers.set("X-Frame-Options", "DENY");
        }
    }
}
