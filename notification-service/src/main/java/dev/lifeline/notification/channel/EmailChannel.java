package dev.lifeline.notification.channel;

import dev.lifeline.events.Channel;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Message;
import dev.lifeline.notification.message.Messages;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * EMAIL: SMTP through Quarkus Mailer, multipart text and HTML, to the account's address. The Message-ID is the
 * delivery's own ({@code <deliveryId@lifeline>}): a mail sent again after a crash between the SMTP transaction and
 * the delivery log's SENT (at-least-once) is the same message to the owner's mail client and to an auditor.
 * <p>
 * A send waits at most {@code lifeline.email.send-timeout}: the blocking Mailer waits indefinitely, and
 * an SMTP server that accepts the connection and never answers (one still starting, a half-open connection) held the
 * email lane — every owner's mail — until the connection died. Past the timeout the attempt fails and is retried.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final ReactiveMailer mailer;
    private final Messages messages;
    private final Duration sendTimeout;

    EmailChannel(ReactiveMailer mailer, Messages messages, EmailConfig config) {
        this.mailer = mailer;
        this.messages = messages;
        this.sendTimeout = config.sendTimeout();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Outcome deliver(Notification notification) throws DeliveryFailure {
        String to = notification.recipient().email();
        if (to == null) {
            return Outcome.skipped("no email address");
        }
        Message message = messages.render(notification);
        try {
            mailer.send(Mail.withText(to, message.title(), message.text()).setHtml(message.html())
                    .addHeader("Message-ID", messageId(notification))).await().atMost(sendTimeout);
        } catch (RuntimeException e) {
            // The server's answer may quote the address (or another): the log and the delivery keep it masked.
            throw DeliveryFailure.retryable("SMTP: " + Masks.failure(e), e);
        }
        return Outcome.sent("to " + Masks.email(to));
    }

    static String messageId(Notification notification) {
        return "<" + notification.deliveryId() + "@lifeline>";
    }
}
