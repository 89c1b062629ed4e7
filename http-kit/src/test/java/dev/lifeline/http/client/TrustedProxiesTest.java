package dev.lifeline.http.client;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TrustedProxiesTest {

    @Test
    void addressesAndRangesOfBothFamiliesAreTrusted() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of("127.0.0.1", "::1", "10.1.0.0/16", "2001:db8::/32"));

        assertThat(trusted.trusts(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(trusted.trusts(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("2001:db9::1"))).isFalse();
    }

    @Test
    void theLongIpv6LoopbackFormIsAnAddressNotAHostName() {
        // Quarkus took "0:0:0:0:0:0:0:1" for a host name and looked it up on every request (a 5 s stall here).
        TrustedProxies trusted = assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> TrustedProxies.parse(List.of("0:0:0:0:0:0:0:1")));

        assertThat(trusted.isEmpty()).isFalse();
    }

    @Test
    void aHostNameIsRefusedAtOnceInsteadOfResolved() {
        assertTimeoutPreemptively(Duration.ofMillis(500), () -> assertThatIllegalArgumentException()
                .isThrownBy(() -> TrustedProxies.parse(List.of("gateway.internal")))
                .withMessageContaining("gateway.internal"));
    }

    @Test
    void aPrefixLongerThanTheAddressIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")));
    }

    @Test
    void noneTrustsNobody() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse(List.of(TrustedProxies.NONE));

        assertThat(trusted.isEmpty()).isTrue();
        assertThat(trusted.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
    }
}
