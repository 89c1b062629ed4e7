package dev.lifeline.notification.delivery;

import dev.lifeline.events.AccountEvent;
import dev.lifeline.events.Channel;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.messaging.Inbox;
import dev.lifeline.http.audit.Audit;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * identity-service's events, through the inbox: a recovery's start records whom to tell, and every event that tells
 * the owner something plans one delivery per configured channel — in the inbox's transaction, so a redelivered
 * event plans nothing twice and a planned delivery is never lost. A new phone number becomes the recipient's, so
 * the phone-changed text goes to it. A decoy (RecoveryDecoyStarted) has no recipient, so it notifies nobody. A new
 * set of recovery codes belongs to no recovery: it carries the owner's contacts, which become the account's
 * recipient. A recovery's start is paced on the human channels ({@link RecoveryAlertPace}): beyond a few per account
 * and window, it is logged DIGESTED and told by the window's digest. Every event's decision — planned, no
 * recipient, nothing to tell — is audited.
 */
@ApplicationScoped
public class RecoveryEventsListener {

    private final Inbox inbox;
    private final NotificationPlan plan;
    private final DeliveryWorker worker;
    private final RecoveryAlertPace pace;
    private final Audit audit;

    RecoveryEventsListener(Inbox inbox, NotificationPlan plan, DeliveryWorker worker, RecoveryAlertPace pace,
                           Audit audit) {
        this.inbox = inbox;
        this.plan = plan;
        this.worker = worker;
        this.pace = pace;
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
            record(event, "nothing-to-tell");
            return;
        }
        Instant now = Instant.now();
        Optional<UUID> accountId = recipient(event, now);
        if (accountId.isEmpty()) {
            record(event, "no-recipient");
            return;
        }
        List<Channel> channels = plan.channels(told.get().template());
        int digested = 0;
        for (Channel channel : channels) {
            if (event instanceof RecoveryRequested requested && NotificationPlan.paced(told.get().template(), channel)) {
                if (pace.plan(requested, channel, told.get().facts(), now).status() == Delivery.Status.DIGESTED) {
                    digested++;
                }
            } else {
                Delivery.planned(event, accountId.get(), channel, told.get().template(), told.get().facts(), now)
                        .persist();
            }
        }
        record(event, "planned:" + channels.size() + (digested > 0 ? ",digested:" + digested : ""));
    }

    /** Records whom the event's notifications reach, from what it carries; the account, unless nobody. */
    private static Optional<UUID> recipient(LifelineEvent event, Instant now) {
        if (event instanceof RecoveryCodesIssued issued) {
            return Optional.of(AccountRecipient.announced(issued.accountId(), issued.contacts(), now).accountId());
        }
        if (!(event instanceof RecoveryEvent recoveryEvent)) {
            return Optional.empty();
        }
        Optional<RecoveryRecipient> recipient = RecoveryRecipient.of(recoveryEvent.recoveryId());
        if (recipient.isEmpty() && event instanceof RecoveryRequested requested) {
            RecoveryRecipient started = RecoveryRecipient.of(requested, now);
            started.persist();
            recipient = Optional.of(started);
        }
        if (recipient.isPresent() && event instanceof PhoneNumberChanged changed && changed.phone() != null) {
            recipient.get().phoneChanged(changed.phone());
        }
        return recipient.map(RecoveryRecipient::accountId);
    }

    private void record(LifelineEvent event, String outcome) {
        audit.record(Audit.SYSTEM, "notification." + event.type().eventName(), "topic:" + event.type().topic(),
                outcome, event instanceof AccountEvent ? "account" : "recovery", event.subject().toString(),
                "event", event.eventId().toString());
    }
}
