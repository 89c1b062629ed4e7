package dev.lifeline.messaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import static dev.lifeline.messaging.OutboxPublisher.requireConsistentTimeouts;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTimeoutsTest {

    @Test
    void sendTimeoutShorterThanTheProducersDeliveryTimeoutIsRefused() {
        // Kafka's default delivery.timeout.ms against the relay's former send timeout
        assertThatThrownBy(() -> requireConsistentTimeouts(Duration.ofMinutes(2), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lifeline.outbox.send-timeout").hasMessageContaining("delivery.timeout.ms");
    }

    @Test
    void moduleDefaultsAreConsistent() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        Duration delivery = Duration.ofMillis(Long.parseLong(
                defaults.getProperty("mp.messaging.outgoing.lifeline-outbox.delivery.timeout.ms")));
        Duration send = Duration.parse(defaults.getProperty("lifeline.outbox.send-timeout"));

        assertThatCode(() -> requireConsistentTimeouts(delivery, send)).doesNotThrowAnyException();
    }
}
