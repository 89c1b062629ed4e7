package dev.lifeline.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.events.Channel;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Message;
import dev.lifeline.notification.message.Messages;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * SMS: the message's headline to the bound phone, through the configured provider — the provider's HTTP API, or,
 * in development, the log. A SUSPENDED phone (the seed's situation: the number is out of service) is SKIPPED and
 * logged as such: a text to it would reach nobody, or whoever holds the number now. The development sink's texts
 * are SKIPPED too, never SENT: support reads the delivery log to know whether the owner was told, and nobody was.
 */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(SmsChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The delivery log's detail for a text that went to the log only. */
    static final String DEVELOPMENT_SINK = "no SMS provider configured (development sink)";

    private final SmsConfig config;
    private final HttpDelivery http;
    private final Function<Notification, String> texts;

    @Inject
    SmsChannel(SmsConfig config, HttpDelivery http, Messages messages) {
        this(config, http, notification -> text(messages.render(notification)), LaunchMode.current());
    }

    /** @param texts a notification's text message (its rendered title and headline) */
    SmsChannel(SmsConfig config, HttpDelivery http, Function<Notification, String> texts, LaunchMode mode) {
        if (config.provider() == SmsConfig.Provider.HTTP && config.url().isEmpty()) {
            throw new IllegalStateException("lifeline.sms.provider=HTTP needs lifeline.sms.url (LIFELINE_SMS_URL)");
        }
        if (config.provider() == SmsConfig.Provider.LOG && mode == LaunchMode.NORMAL) {
            // Not refused: the launcher (deploy/lifeline up) runs the services in production mode without one.
            LOG.warn("lifeline.sms.provider is LOG, the development sink: SMS alerts are not being sent; each text is"
                    + " only logged (number masked) and recorded SKIPPED. To text owners, set"
                    + " LIFELINE_SMS_PROVIDER=HTTP and LIFELINE_SMS_URL (and LIFELINE_SMS_API_KEY if the provider"
                    + " wants a bearer token)");
        } else if (config.provider() == SmsConfig.Provider.LOG) {
            LOG.info("No SMS provider configured (LIFELINE_SMS_PROVIDER=LOG): SMS notifications are logged, not sent,"
                    + " and recorded SKIPPED");
        }
        this.config = config;
        this.http = http;
        this.texts = texts;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Outcome deliver(Notification notification) throws DeliveryFailure {
        String phone = notification.recipient().phone();
        if (phone == null) {
            return Outcome.skipped("no phone number");
        }
        String to = Masks.phone(phone);
        if (notification.recipient().phoneStatus() == PhoneStatus.SUSPENDED) {
            LOG.infof("SMS %s for %s SKIPPED: the phone %s is suspended", notification.template().id(),
                    notification.about(), to);
            return Outcome.skipped("phone suspended");
        }
        String text = texts.apply(notification);
        if (config.provider() == SmsConfig.Provider.LOG) {
            LOG.infof("SMS %s for %s (development sink, not sent) to %s: %s", notification.template().id(),
                    notification.about(), to, text);
            return Outcome.skipped(DEVELOPMENT_SINK);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        http.post(config.url().orElseThrow(), "application/json", headers, json(Map.of("to", phone, "text", text)));
        return Outcome.sent("to " + to);
    }

    private static String text(Message message) {
        return message.title() + ": " + message.headline();
    }

    private static String json(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
