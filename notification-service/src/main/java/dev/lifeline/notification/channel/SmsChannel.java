package dev.lifeline.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.events.Channel;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Message;
import dev.lifeline.notification.message.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS: the message's headline to the bound phone, through the configured provider — the provider's HTTP API, or,
 * in development, the log. A SUSPENDED phone (the seed's situation: the number is out of service) is SKIPPED and
 * logged as such: a text to it would reach nobody, or whoever holds the number now.
 */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(SmsChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmsConfig config;
    private final HttpDelivery http;
    private final Messages messages;

    SmsChannel(SmsConfig config, HttpDelivery http, Messages messages) {
        if (config.provider() == SmsConfig.Provider.HTTP && config.url().isEmpty()) {
            throw new IllegalStateException("lifeline.sms.provider=HTTP needs lifeline.sms.url (LIFELINE_SMS_URL)");
        }
        this.config = config;
        this.http = http;
        this.messages = messages;
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
        Message message = messages.render(notification);
        String text = message.title() + ": " + message.headline();
        if (config.provider() == SmsConfig.Provider.LOG) {
            LOG.infof("SMS (development sink, not sent) to %s: %s", to, text);
            return Outcome.sent("to " + to + " (development sink)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        http.post(config.url().orElseThrow(), "application/json", headers, json(Map.of("to", phone, "text", text)));
        return Outcome.sent("to " + to);
    }

    private static String json(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
