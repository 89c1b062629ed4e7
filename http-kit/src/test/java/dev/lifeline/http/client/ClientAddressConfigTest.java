package dev.lifeline.http.client;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ClientAddressConfigTest {

    @Test
    void productionRefusesToStartWithoutTrustedProxies() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ClientAddressConfig.trustedProxies(Optional.empty(), LaunchMode.NORMAL))
                .withMessageContaining("LIFELINE_HTTP_TRUSTED_PROXIES");
    }

    @Test
    void productionWithoutAProxyInFrontSaysNone() {
        assertThat(ClientAddressConfig.trustedProxies(Optional.of(List.of("none")), LaunchMode.NORMAL).isEmpty()).isTrue();
    }

    @Test
    void aHostNameInTheSettingStopsTheStartNamingIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ClientAddressConfig.trustedProxies(Optional.of(List.of("gateway")), LaunchMode.NORMAL))
                .withMessageContaining("gateway");
    }

    @Test
    void testsWithoutTheSettingTrustNobody() {
        assertThat(ClientAddressConfig.trustedProxies(Optional.empty(), LaunchMode.TEST).isEmpty()).isTrue();
    }
}
