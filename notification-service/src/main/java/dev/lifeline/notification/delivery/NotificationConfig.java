package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.notification.message.Template;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Which templates go to which channels, how the delivery worker paces itself, and how many "a recovery was
 * requested" alerts one account's owner receives ({@code lifeline.notifications.recovery-requested.*}).
 */
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

    /** The recovery-requested alerts' pace (see {@link RecoveryAlertPace}). */
    RecoveryRequested recoveryRequested();

    /**
     * Per account and paced channel (EMAIL, SMS), at most {@code per-account} recovery-requested alerts are sent on
     * their own in a {@code window} that opens with the first of them; the rest of the window's alerts are recorded
     * DIGESTED and told together by one digest at the window's end. Defaults 3 per PT15M; the test profile uses 2
     * per PT4S so that a test sees a window close.
     */
    interface RecoveryRequested {

        /** Alerts sent on their own per account, channel and window; at least 1. */
        @WithDefault("3")
        int perAccount();

        /** How long a window lasts from its first alert; the digest is due at its end. */
        @WithDefault("PT15M")
        Duration window();
    }
}
