package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.notification.message.Template;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Which templates go to which channels, and how the delivery worker paces itself. */
@ConfigMapping(prefix = "lifeline.notifications")
public interface NotificationConfig {

    /** Template id (e.g. {@code password-changed}) → the channels it goes to; every template needs an entry. */
    Map<String, List<Channel>> routes();

    /** How often the worker looks for due deliveries (a duration expression for {@code @Scheduled}). */
    String pollInterval();

    /** How long a taken delivery is its worker's before another may take it again (a crash mid-send). */
    Duration lease();

    Duration initialBackoff();

    Duration maxBackoff();

    /** Attempts in all, the first included, before a retryable failure becomes FAILED. */
    int maxAttempts();

    @WithDefault("50")
    int batch();
}
