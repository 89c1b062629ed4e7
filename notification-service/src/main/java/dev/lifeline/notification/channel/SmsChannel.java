package dev.lifeline.notification.channel;

import dev.lifeline.events.Channel;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.SmsProvider;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.notification.message.Message;
import dev.lifeline.notification.message.Messages;
import dev.lifeline.notification.message.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * SMS: the message's headline to the bound phone, through the {@link SmsProvider} (the provider's HTTP API or, in
 * development, the log). A SUSPENDED phone (the seed's situation: the number is out of service) is SKIPPED and
 * logged as such: a text to it would reach nobody, or whoever holds the number now. The development sink's texts
 * are SKIPPED too, never SENT: support reads the delivery log to know whether the owner was told, and nobody was.
 */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(SmsChannel.class);
    /** The delivery log's detail for a text that went to the log only. */
    static final String DEVELOPMENT_SINK = "no SMS provider configured (development sink)";

    private final SmsProvider provider;
    private final Function<Notification, String> texts;

    @Inject
    SmsChannel(SmsProvider provider, Messages messages) {
        this(provider, notification -> text(messages.render(notification)));
    }

    /** @param texts a notification's text message (its rendered title and headline) */
    SmsChannel(SmsProvider provider, Function<Notification, String> texts) {
        this.provider = provider;
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
        String about = notification.template().id() + " for " + notification.about();
        boolean sent = provider.send(new SmsProvider.Sms(phone, texts.apply(notification), about, false));
        return sent ? Outcome.sent("to " + to) : Outcome.skipped(DEVELOPMENT_SINK);
    }

    private static String text(Message message) {
        return message.title() + ": " + message.headline();
    }
}
