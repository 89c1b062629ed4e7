package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.events.messaging.Inbox;
import dev.lifeline.http.audit.Audit;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * identity-service's events, through the inbox: a recovery's start records whom to tell, and every event that tells
 * the owner something plans one delivery per configured channel — in the inbox's transaction, so a redelivered
 * event plans nothing twice and a planned delivery is never lost. A new phone number becomes the recipient's, so
 * the phone-changed text goes to it. A decoy (RecoveryDecoyStarted) has no recipient, so it notifies nobody.
 */
@ApplicationScoped
public class RecoveryEventsListener {

    private final Inbox inbox;
    private final NotificationPlan plan;
    private final DeliveryWorker worker;
    private final Audit audit;

    RecoveryEventsListener(Inbox inbox, NotificationPlan plan, DeliveryWorker worker, Audit audit) {
        this.inbox = inbox;
        this.plan = plan;
        this.worker = worker;
        this.audit = audit;
    }

    @Incoming("identity-events")
    @Blocking
    public void onRecoveryEvent(ConsumerRecord<String, String> record) {
        if (inbox.receive(record, this::apply)) {
            worker.wake();
        }
    }

    /** Runs in the inbox's transaction. */
    void apply(LifelineEvent event) {
        Optional<NotificationPlan.Told> told = NotificationPlan.told(event);
        if (told.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Optional<RecoveryRecipient> recipient = RecoveryRecipient.of(event.subject());
        if (recipient.isEmpty() && event instanceof RecoveryRequested requested) {
            RecoveryRecipient started = RecoveryRecipient.of(requested, now);
            started.persist();
            recipient = Optional.of(started);
        }
        if (recipient.isEmpty()) {
            record(event, "no-recipient");
            return;
        }
        if (event instanceof PhoneNumberChanged changed && changed.phone() != null) {
            recipient.get().phoneChanged(changed.phone());
        }
        List<Channel> channels = plan.channels(told.get().template());
        for (Channel channel : channels) {
            Delivery.planned(event.eventId(), event.type().eventName(), event.subject(),
                    recipient.get().accountId(), event.occurredAt(), channel, told.get().template(),
                    told.get().facts(), now).persist();
        }
        record(event, "planned:" + channels.size());
    }

    private void record(LifelineEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "notification." + event.type().eventName(), "topic:" + event.type().topic(),
                outcome, "recovery", event.subject().toString(), "event", event.eventId().toString());
    }
}
