package dev.lifeline.notification.ssf;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping as SmallRye reads it: indexed receivers, and none at all. */
class SsfConfigTest {

    @Test
    void receiversAreReadInOrderWithTheirOptionalParts() {
        SsfConfig config = mapping(Map.of(
                "lifeline.ssf.issuer", "https://lifeline.example",
                "lifeline.ssf.receivers[0].url", "https://rp-a.example/ssf/events",
                "lifeline.ssf.receivers[0].audience", "rp-a",
                "lifeline.ssf.receivers[0].bearer-token", "token-a",
                "lifeline.ssf.receivers[1].url", "https://rp-b.example/events",
                "lifeline.ssf.receivers[1].audience", "rp-b"));

        assertThat(config.receivers()).hasSize(2);
        assertThat(config.receivers().get(0).url()).isEqualTo(URI.create("https://rp-a.example/ssf/events"));
        assertThat(config.receivers().get(0).audience()).isEqualTo("rp-a");
        assertThat(config.receivers().get(0).bearerToken()).contains("token-a");
        assertThat(config.receivers().get(1).audience()).isEqualTo("rp-b");
        assertThat(config.receivers().get(1).bearerToken()).isEmpty();
    }

    @Test
    void aReceiverWithoutAnAudienceStopsTheServiceAtStartUp() {
        assertThatThrownBy(() -> mapping(Map.of(
                "lifeline.ssf.issuer", "https://lifeline.example",
                "lifeline.ssf.receivers[0].url", "https://rp-a.example/ssf/events")))
                .hasMessageContaining("lifeline.ssf.receivers[0].audience");
    }

    @Test
    void withoutReceiversTheListIsEmpty() {
        SsfConfig config = mapping(Map.of("lifeline.ssf.issuer", "https://lifeline.example"));

        assertThat(config.receivers()).isEmpty();
        assertThat(config.signingKey()).isEmpty();
        assertThat(config.keyId()).isEmpty();
    }

    private static SsfConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(SsfConfig.class)
                .build();
        return config.getConfigMapping(SsfConfig.class);
    }
}
