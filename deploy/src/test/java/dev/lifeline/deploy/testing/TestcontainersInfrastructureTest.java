package dev.lifeline.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class TestcontainersInfrastructureTest {

    @Test
    void kafkaImageIsApacheKafkaOfTheBrokersVersion() {
        assertThat(TestcontainersInfrastructure.kafkaImage()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }
}
