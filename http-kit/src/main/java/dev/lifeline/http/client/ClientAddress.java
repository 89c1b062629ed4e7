package dev.lifeline.http.client;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The end user's address (docs/architecture.md, security requirement 10). The peer is the client unless it is a trusted
 * proxy; then {@code X-Forwarded-For} is walked from the right, past the trusted proxies, and the first untrusted
 * address is the client. The leftmost entries are the client's own words: Quarkus's proxy forwarding takes the
 * leftmost, so it is switched off and this is the one rule every service uses.
 * <p>
 * {@link #bucket()} is what rate limits count: an IPv4 address, or an IPv6 /64.
 *
 * @param address the client's address literal, for audit lines
 * @param bucket  the rate-limit key of that address
 */
public record ClientAddress(String address, String bucket) {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final ClientAddress UNKNOWN = new ClientAddress("unknown", "unknown");

    /**
     * The network a {@link #bucket()} lies in, as the account's owner may be shown it ("was this you?"): an IPv4
     * address's /24 ({@code 203.0.113.0/24}); an IPv6 bucket as it is (its /64); anything else as it is.
     */
    public static String network(String bucket) {
        int lastDot = bucket.lastIndexOf('.');
        if (bucket.indexOf(':') < 0 && lastDot > 0 && bucket.chars().filter(c -> c == '.').count() == 3) {
            return bucket.substring(0, lastDot) + ".0/24";
        }
        return bucket;
    }

    /** The client of this request, by the trusted proxies configured at start ({@link ClientAddressConfig}). */
    public static String of(HttpServerRequest request) {
        return resolve(request, ClientAddressConfig.trustedProxies()).bucket();
    }

    public static ClientAddress resolve(HttpServerRequest request, TrustedProxies trusted) {
        SocketAddress peer = request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR), trusted);
    }

    /**
     * @param peer         the socket peer's address literal
     * @param forwardedFor every {@code X-Forwarded-For} header, in order
     */
    static ClientAddress resolve(String peer, List<String> forwardedFor, TrustedProxies trusted) {
        Optional<InetAddress> peerAddress = IpAddresses.parse(peer);
        if (peerAddress.isEmpty()) {
            return UNKNOWN;
        }
        InetAddress client = peerAddress.get();
        if (!trusted.trusts(client)) {
            return of(client);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                // A trusted proxy writes addresses; this came from the client. Count the request under the last
                // trusted hop rather than let the client pick a fresh bucket per request.
                return of(client);
            }
            client = hop.get();
            if (!trusted.trusts(client)) {
                return of(client);
            }
        }
        return of(client); // every hop trusted: the request came from inside
    }

    private static ClientAddress of(InetAddress address) {
        return new ClientAddress(IpAddresses.text(address), IpAddresses.bucket(address));
    }

    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }
}
