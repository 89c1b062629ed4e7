package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class TestcontainersInfrastructureTest {

    @Test
    void kafkaImageIsApacheKafkaOfTheBrokersVersion() {
        assertThat(TestcontainersInfrastructure.kafkaImage()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void containerBrokerGetsTheLocalBrokersSettingsAsImageEnvironment() {
        assertThat(TestcontainersInfrastructure.kafkaEnvironment())
                .containsEntry("KAFKA_NUM_PARTITIONS", "3")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .hasSameSizeAs(KafkaBroker.SINGLE_NODE_SETTINGS);
    }
}
