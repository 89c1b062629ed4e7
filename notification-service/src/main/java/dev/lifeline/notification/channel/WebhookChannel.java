package dev.lifeline.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.events.Channel;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.HttpDelivery;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Message;
import dev.lifeline.notification.message.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WEBHOOK: the gateway's push / in-app channel, a Standard Webhooks POST ({@code webhook-id} is the delivery's id,
 * stable across retries so the gateway can drop a repeat; {@code webhook-timestamp}; {@code webhook-signature}).
 * The body says what happened and carries the owner-facing title and text in their language; no address, phone
 * number or secret.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(WebhookChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> url;
    private final Optional<WebhookSignature> signature;
    private final HttpDelivery http;
    private final Messages messages;

    WebhookChannel(WebhookConfig config, HttpDelivery http, Messages messages) {
        this.url = config.url();
        this.signature = config.secret().map(WebhookSignature::withSecret);
        if (url.isPresent() && signature.isEmpty()) {
            throw new IllegalStateException("lifeline.webhook.url is set without lifeline.webhook.secret "
                    + "(LIFELINE_WEBHOOK_SECRET): the gateway could not tell our calls from anyone's");
        }
        if (url.isEmpty()) {
            LOG.info("No webhook configured (LIFELINE_WEBHOOK_URL): WEBHOOK notifications are skipped");
        }
        this.http = http;
        this.messages = messages;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Outcome deliver(Notification notification) throws DeliveryFailure {
        if (url.isEmpty()) {
            return Outcome.skipped("no webhook configured");
        }
        String id = notification.deliveryId().toString();
        long timestamp = Instant.now().getEpochSecond();
        String body = body(notification, messages.render(notification));
        http.post(url.get(), "application/json", Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature.get().sign(id, timestamp, body)), body);
        return Outcome.sent("to " + url.get().getHost());
    }

    static String body(Notification notification, Message message) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (notification.recoveryId() != null) { // an account event's is about no recovery
            data.put("recoveryId", notification.recoveryId().toString());
        }
        data.put("accountId", notification.accountId().toString());
        data.put("template", notification.template().id());
        data.put("causationId", notification.eventId().toString());
        data.put("locale", message.locale());
        data.put("title", message.title());
        data.put("message", message.headline());
        data.put("facts", notification.facts());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "lifeline." + notification.template().id());
        payload.put("timestamp", notification.occurredAt().toString());
        payload.put("data", data);
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
