package dev.lifeline.notification.channel;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

/** The gateway's push / in-app channel: where to POST, and the Standard Webhooks secret to sign with. */
@ConfigMapping(prefix = "lifeline.webhook")
public interface WebhookConfig {

    /** LIFELINE_WEBHOOK_URL; without it the channel skips (and says so in the log). */
    Optional<URI> url();

    /** LIFELINE_WEBHOOK_SECRET: {@code whsec_} and base64 of 24–64 random bytes; required with a URL. */
    Optional<String> secret();
}
