package dev.lifeline.emailverification.mail;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

/**
 * Where the links in mails point: from configuration only, never from a request's Host header (security
 * requirement 9). {@code LIFELINE_LINKS_EMAIL_VERIFICATION} in prod; the service refuses to start without it.
 */
@ConfigMapping(prefix = "lifeline.links")
public interface LinksConfig {

    /** The public URL of the link's page ({@code GET /verify} as the user's browser reaches it). */
    URI emailVerification();
}
