package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping as SmallRye Config (which Quarkus uses) binds it, without starting Quarkus. */
class RecoveryConfigTest {

    @Test
    void defaultsAreADayToRecoverADayOfCoolingOffAndThirtyMinutesForThePhone() {
        RecoveryConfig config = bind(Map.of());

        assertThat(config.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.coolingOff()).isEqualTo(Duration.ofHours(24));
        assertThat(config.phoneChangeWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.defaultAssurance()).isEqualTo(Assurance.SUBSTANTIAL);
    }

    @Test
    void settingsAreReadFromKebabCasePropertiesUnderLifelineRecovery() {
        RecoveryConfig config = bind(Map.of(
                "lifeline.recovery.ttl", "PT2H",
                "lifeline.recovery.cooling-off", "PT5S",
                "lifeline.recovery.phone-change-window", "PT10S",
                "lifeline.recovery.default-assurance", "HIGH"));

        assertThat(config.ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.coolingOff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.phoneChangeWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.defaultAssurance()).isEqualTo(Assurance.HIGH);
    }

    private static RecoveryConfig bind(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RecoveryConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RecoveryConfig.class);
    }
}
