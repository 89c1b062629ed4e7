package dev.lifeline.identity.recovery;

import dev.lifeline.deploy.testing.LocalInfrastructure;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.messaging.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.lifeline.events.messaging.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "identity"))
class RecoveryExpiryTest {

    @Inject
    SagaTestRecoveries recoveries;

    @Test
    void recoveryPastItsDeadlineIsExpiredByTheScheduler() {
        Recovery recovery = recoveries.start(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> recoveries.state(recovery.id()) == Recovery.State.EXPIRED);
    }

    @Test
    void expiryIsPublishedAsASchemaValidRecoveryExpired() {
        Recovery recovery = recoveries.start(Duration.ofSeconds(1));

        List<ConsumerRecord<String, String>> records = KafkaTestClient.forApplication().readUntil(
                EventType.RECOVERY_EXPIRED.topic(), record -> isExpiry(record, recovery));

        EventSchemas.assertValid(EventType.RECOVERY_EXPIRED, records.get(records.size() - 1).value());
    }

    @Test
    void recoveryBeforeItsDeadlineStaysOpen() {
        Recovery open = recoveries.start(Duration.ofHours(1));
        Recovery due = recoveries.start(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> recoveries.state(due.id()) == Recovery.State.EXPIRED);
        assertThat(recoveries.state(open.id())).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    private static boolean isExpiry(ConsumerRecord<String, String> record, Recovery recovery) {
        return recovery.id().toString().equals(record.key())
                && EventType.RECOVERY_EXPIRED.ceType().equals(header(record, CloudEventHeaders.TYPE));
    }
}
