package dev.lifeline.http.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** Which SMS provider the SMS channel hands its messages to. */
@ConfigMapping(prefix = "lifeline.sms")
public interface SmsConfig {

    enum Provider {
        /** The provider's HTTP API ({@link #url()}, {@link #apiKey()}). */
        HTTP,
        /**
         * Development: the message is logged with the number masked, goes nowhere, and is recorded SKIPPED; in
         * production it is warned about at start-up.
         */
        LOG
    }

    @WithDefault("LOG")
    Provider provider();

    /** The provider's send endpoint: POST {@code {"to", "text"}}; required for HTTP. */
    Optional<URI> url();

    /** Sent as a bearer token, when the provider wants one. */
    Optional<String> apiKey();
}
