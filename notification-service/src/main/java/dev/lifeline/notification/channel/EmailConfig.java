package dev.lifeline.notification.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The EMAIL channel: SMTP itself is Quarkus Mailer's ({@code quarkus.mailer.*}). */
@ConfigMapping(prefix = "lifeline.email")
public interface EmailConfig {

    /**
     * How long one SMTP send may take before the attempt fails and is retried after the backoff; shorter than
     * {@code lifeline.notifications.lease}, so that no other lane takes a delivery still being sent.
     */
    @WithDefault("PT30S")
    Duration sendTimeout();
}
