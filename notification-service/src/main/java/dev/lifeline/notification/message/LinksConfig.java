package dev.lifeline.notification.message;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

/**
 * Public URLs the messages point to, from configuration, never from a request's Host header.
 */
@ConfigMapping(prefix = "lifeline.links")
public interface LinksConfig {

    /** The gateway's page where the owner cancels a recovery ({@code ?recovery=<id>} is added). */
    URI recoveryCancel();
}
