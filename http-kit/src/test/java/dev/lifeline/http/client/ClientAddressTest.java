package dev.lifeline.http.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final TrustedProxies GATEWAY = TrustedProxies.parse(List.of("10.0.0.0/8", "::1"));

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClientWhateverItForwards() {
        ClientAddress client = ClientAddress.resolve("203.0.113.7", List.of("198.51.100.1"), GATEWAY);

        assertThat(client.address()).isEqualTo("203.0.113.7");
    }

    @Test
    void theClientIsTheFirstUntrustedAddressFromTheRightNotTheLeftmostEntry() {
        // The client wrote "1.2.3.4"; the gateway appended the address it saw; an inner proxy appended the gateway.
        ClientAddress client = ClientAddress.resolve("10.0.0.2", List.of("1.2.3.4, 198.51.100.9, 10.0.0.1"), GATEWAY);

        assertThat(client.address()).isEqualTo("198.51.100.9");
    }

    @Test
    void severalForwardedForHeadersAreReadAsOneListInOrder() {
        ClientAddress client = ClientAddress.resolve("10.0.0.2", List.of("1.2.3.4", "198.51.100.9", "10.0.0.1"), GATEWAY);

        assertThat(client.address()).isEqualTo("198.51.100.9");
    }

    @Test
    void garbageBehindTheTrustedProxiesCountsAsTheLastTrustedHop() {
        ClientAddress client = ClientAddress.resolve("10.0.0.2", List.of("not-an-address, 10.0.0.1"), GATEWAY);

        assertThat(client.address()).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsItsOwnClient() {
        assertThat(ClientAddress.resolve("10.0.0.2", List.of(), GATEWAY).address()).isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        ClientAddress one = ClientAddress.resolve("::1", List.of("2001:db8:1:2:aaaa::1"), GATEWAY);
        ClientAddress other = ClientAddress.resolve("::1", List.of("2001:db8:1:2:bbbb::2"), GATEWAY);
        ClientAddress elsewhere = ClientAddress.resolve("::1", List.of("2001:db8:1:3::1"), GATEWAY);

        assertThat(one.bucket()).isEqualTo("2001:db8:1:2::/64").isEqualTo(other.bucket());
        assertThat(elsewhere.bucket()).isNotEqualTo(one.bucket());
        assertThat(one.address()).isNotEqualTo(other.address());
    }

    @Test
    void ipv4MappedIpv6IsCountedAsTheIpv4Address() {
        assertThat(ClientAddress.resolve("::ffff:203.0.113.7", List.of(), GATEWAY).bucket()).isEqualTo("203.0.113.7");
    }

    @Test
    void withNoTrustedProxiesForwardedForIsIgnored() {
        ClientAddress client = ClientAddress.resolve("127.0.0.1", List.of("198.51.100.9"), TrustedProxies.none());

        assertThat(client.address()).isEqualTo("127.0.0.1");
    }

    @Test
    void theNetworkAnOwnerIsShownIsAnIpv4Slash24OrTheIpv6BucketItself() {
        assertThat(ClientAddress.network("203.0.113.7")).isEqualTo("203.0.113.0/24");
        assertThat(ClientAddress.network("2001:db8:1:2::/64")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.network("unknown")).isEqualTo("unknown");
    }
}
