package dev.lifeline.notification.ssf;

import dev.lifeline.events.Channel;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.HttpDelivery;
import dev.lifeline.notification.channel.NotificationChannel;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Notification;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells the relying parties: pushes the notification's Security Event Tokens (RFC 8935) to every configured
 * receiver, one POST per SET ({@code Content-Type: application/secevent+jwt}); any 2xx (a receiver answers 202)
 * means accepted.
 *
 * <p>Every receiver is tried even when one fails. If any failed retryably, the whole delivery is retried, and the
 * receivers that already accepted get the same SETs again: that is harmless because a SET's {@code jti} is the same
 * on every attempt and RFC 8935 receivers drop a jti they have seen. A refusal (4xx) with no retryable failure ends
 * the delivery FAILED, even if other receivers accepted, so that the log shows the receiver that needs fixing.
 */
@ApplicationScoped
public class SharedSignalsChannel implements NotificationChannel {

    static final String SET_MEDIA_TYPE = "application/secevent+jwt";

    private final SsfConfig config;
    private final SecurityEventTokens tokens;
    private final HttpDelivery http;

    SharedSignalsChannel(SsfConfig config, SecurityEventTokens tokens, HttpDelivery http) {
        this.config = config;
        this.tokens = tokens;
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.SHARED_SIGNALS;
    }

    @Override
    public Outcome deliver(Notification notification) throws DeliveryFailure {
        int events = SecurityEvent.signalling(notification.template()).size();
        if (events == 0) {
            return Outcome.skipped("no shared signal for " + notification.template().id());
        }
        List<SsfConfig.Receiver> receivers = config.receivers();
        if (receivers.isEmpty()) {
            return Outcome.skipped("no shared-signals receiver configured");
        }
        List<DeliveryFailure> failures = new ArrayList<>();
        for (SsfConfig.Receiver receiver : receivers) {
            try {
                push(receiver, notification);
            } catch (DeliveryFailure failure) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw summary(failures, receivers.size());
        }
        return Outcome.sent(count(events, "SET") + " to " + count(receivers.size(), "receiver"));
    }

    /** The SETs in order; after a receiver's first failure the rest would fail too, and go with the retry. */
    private void push(SsfConfig.Receiver receiver, Notification notification) throws DeliveryFailure {
        Map<String, String> headers = receiver.bearerToken()
                .filter(token -> !token.isBlank())
                .map(token -> Map.of("Accept", "application/json", "Authorization", "Bearer " + token))
                .orElse(Map.of("Accept", "application/json"));
        for (String set : tokens.sign(notification, receiver.audience())) {
            http.post(receiver.url(), SET_MEDIA_TYPE, headers, set);
        }
    }

    private static DeliveryFailure summary(List<DeliveryFailure> failures, int receivers) {
        String message = failures.size() + " of " + count(receivers, "receiver") + " failed: "
                + String.join("; ", failures.stream().map(Throwable::getMessage).toList());
        return failures.stream().filter(DeliveryFailure::retryable).findFirst()
                .map(retryable -> DeliveryFailure.retryable(message, retryable))
                .orElseGet(() -> DeliveryFailure.permanent(message));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
