package dev.lifeline.notification.ssf;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SsfConfigurationResourceTest {

    private final SsfConfigurationResource resource =
            new SsfConfigurationResource(TestSsfConfig.withReceivers(), SetVerifier.KEY);

    @Test
    void theMetadataPointsAtTheJwksUnderTheIssuerAndListsTheFourEvents() {
        SsfConfigurationResource.TransmitterConfiguration metadata = resource.configuration();

        assertThat(metadata.specVersion()).isEqualTo("1_0");
        assertThat(metadata.issuer()).isEqualTo("https://lifeline.example");
        assertThat(metadata.jwksUri()).isEqualTo("https://lifeline.example/.well-known/jwks.json");
        assertThat(metadata.deliveryMethodsSupported()).containsExactly("urn:ietf:rfc:8935");
        assertThat(metadata.defaultSubjects()).isEqualTo("NONE");
        assertThat(metadata.eventsSupported()).containsExactlyInAnyOrder(
                "https://schemas.openid.net/secevent/risc/event-type/recovery-activated",
                "https://schemas.openid.net/secevent/caep/event-type/credential-change",
                "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
                "https://schemas.openid.net/secevent/risc/event-type/recovery-information-changed");
    }

    @Test
    void anIssuerWithATrailingSlashGivesNoDoubleSlashInTheJwksUri() {
        TestSsfConfig config = new TestSsfConfig(URI.create("https://lifeline.example/"), Optional.empty(),
                Optional.empty(), List.of());

        assertThat(new SsfConfigurationResource(config, SetVerifier.KEY).configuration().jwksUri())
                .isEqualTo("https://lifeline.example/.well-known/jwks.json");
    }

    @Test
    void theJwksListsTheSigningKeysPublicHalf() {
        assertThat(resource.jwks().get("keys")).singleElement()
                .isEqualTo(SetVerifier.KEY.publicJwk());
    }
}
