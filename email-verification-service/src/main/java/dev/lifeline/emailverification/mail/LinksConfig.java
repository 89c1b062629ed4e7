package dev.lifeline.emailverification.mail;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

/**
 * Where the links in mails point: from configuration only, never from a request's Host header (security
 * requirement 9). {@code LIFELINE_LINKS_EMAIL_VERIFICATION} and {@code LIFELINE_LINKS_RECOVERY_CANCEL} in prod; the service
 * refuses to start without them.
 */
@ConfigMapping(prefix = "lifeline.links")
public interface LinksConfig {

    /** The public URL of the link's page ({@code GET /verify} as the user's browser reaches it). */
    URI emailVerification();

    /**
     * The gateway's page where the owner stops a recovery ({@code ?recovery=<id>} is added), the one
     * notification-service's alerts link to: the link's page offers it first ("Not me"), so that an owner who gets
     * a stranger's mail stops the recovery instead of confirming it. {@code LIFELINE_LINKS_RECOVERY_CANCEL} in prod.
     */
    URI recoveryCancel();
}
