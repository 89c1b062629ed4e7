package dev.lifeline.http.client;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} entries are believed (the gateway's addresses): addresses and CIDR
 * ranges, parsed as literals only, so that a typo can never turn into a DNS look-up on every request.
 */
public final class TrustedProxies {

    /** The configuration value for a deployment without a proxy in front: the peer is the client. */
    public static final String NONE = "none";

    private record Range(byte[] network, int prefixLength) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts no one: every request's peer is its client. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param entries e.g. {@code 127.0.0.1}, {@code ::1}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or the single
     *                entry {@value #NONE}
     * @throws IllegalArgumentException naming the first entry that is not an address or range literal
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.equalsIgnoreCase(NONE)) {
                continue;
            }
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = IpAddresses.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                    "'" + raw + "' is not an IP address or CIDR range (host names are not accepted)"));
            int maxLength = address.getAddress().length * 8;
            int prefixLength = maxLength;
            if (slash >= 0) {
                try {
                    prefixLength = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefixLength = -1;
                }
                if (prefixLength < 0 || prefixLength > maxLength) {
                    throw new IllegalArgumentException("'" + raw + "' has a prefix length outside 0.." + maxLength);
                }
            }
            ranges.add(new Range(address.getAddress(), prefixLength));
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
