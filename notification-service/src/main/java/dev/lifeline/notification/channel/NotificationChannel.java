package dev.lifeline.notification.channel;

import dev.lifeline.events.Channel;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.notification.message.Notification;

/**
 * One way of telling: a mail, a text message, the gateway's push, a Security Event Token. The delivery worker
 * calls {@link #deliver} outside any transaction and records the outcome; it retries a
 * {@linkplain DeliveryFailure#retryable() retryable} failure with backoff, up to a bound.
 */
public interface NotificationChannel {

    Channel channel();

    /**
     * Delivers the notification, or says why it was not for this channel (a suspended phone, no address).
     *
     * @throws DeliveryFailure when the provider refused or could not be reached
     */
    Outcome deliver(Notification notification) throws DeliveryFailure;
}
