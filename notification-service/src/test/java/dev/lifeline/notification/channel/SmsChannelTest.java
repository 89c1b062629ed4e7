package dev.lifeline.notification.channel;

import dev.lifeline.events.DeliveryStatus;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.HttpDelivery;
import dev.lifeline.http.outbound.SmsConfig;
import dev.lifeline.http.outbound.SmsProvider;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.notification.message.Notification;
import dev.lifeline.notification.message.Recipient;
import dev.lifeline.notification.message.Template;
import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without an SMS provider (the default, {@code lifeline.sms.provider=LOG}) nothing is texted, and the delivery log
 * must say so: support reads it to tell whether the owner was warned.
 */
class SmsChannelTest {

    private static final String PHONE = "13812345678";
    private static final String TEXT = "A recovery of your account has started: Someone has started to recover your account";

    @Test
    void theDevelopmentSinkRecordsTheTextSkippedNotSent() throws DeliveryFailure {
        SmsChannel channel = sms(SmsConfig.Provider.LOG, LaunchMode.DEVELOPMENT);

        try (LogLines logs = LogLines.all()) {
            Outcome outcome = channel.deliver(notification());

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(outcome.detail()).isEqualTo("no SMS provider configured (development sink)");
            assertThat(logs.containing("development sink", "*******5678", TEXT)).as("what a developer reads")
                    .isNotEmpty();
            assertThat(logs.containing(PHONE)).isEmpty();
        }
    }

    @Test
    void productionWithoutAProviderWarnsAtStartUpThatNoTextIsSentAndHowToConfigureOne() {
        try (LogLines logs = LogLines.all()) {
            sms(SmsConfig.Provider.LOG, LaunchMode.NORMAL);

            assertThat(logs.containing("no SMS is being sent", "LIFELINE_SMS_PROVIDER=HTTP",
                    "LIFELINE_SMS_URL")).hasSize(1);
        }
    }

    @Test
    void developmentAndAConfiguredProviderAreNotWarnedAbout() {
        try (LogLines logs = LogLines.all()) {
            sms(SmsConfig.Provider.LOG, LaunchMode.DEVELOPMENT);
            sms(SmsConfig.Provider.LOG, LaunchMode.TEST);
            sms(SmsConfig.Provider.HTTP, LaunchMode.NORMAL);

            assertThat(logs.containing("no SMS is being sent")).isEmpty();
        }
    }

    private static SmsChannel sms(SmsConfig.Provider provider, LaunchMode mode) {
        SmsConfig config = new SmsConfig() {
            @Override
            public Provider provider() {
                return provider;
            }

            @Override
            public Optional<URI> url() {
                return provider == Provider.HTTP ? Optional.of(URI.create("http://127.0.0.1:9/sms")) : Optional.empty();
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }
        };
        return new SmsChannel(new SmsProvider(config, new HttpDelivery(), mode), notification -> TEXT);
    }

    private static Notification notification() {
        return new Notification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.now(), Template.RECOVERY_STARTED,
                new Recipient("li.wei@example.com", PHONE, PhoneStatus.ACTIVE, "en"), Map.of());
    }
}
