package dev.lifeline.http.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever asking a resolver. {@link InetAddress#getByName} resolves anything that
 * does not look like a literal, and on these machines no DNS server answers: a host name where an address belongs
 * once stalled every request for 5 s. Only strings made of the characters of an address literal reach it here.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex groups and colons, an optional embedded IPv4 tail; no zone ids (they name interfaces, which resolve). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {
    }

    /** The address {@code text} spells, or empty for anything else (host names, garbage, ports, brackets). */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal)); // a literal: parsed, never resolved
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The canonical text: {@code 127.0.0.1}, {@code 2001:db8:0:0:0:0:0:1}. */
    static String text(InetAddress address) {
        return address.getHostAddress();
    }

    /**
     * What rate limits count as one client: an IPv4 address, or an IPv6 address's /64 — one subscriber's network,
     * inside which an attacker picks addresses at will.
     */
    static String bucket(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            InetAddress mapped = ipv4Mapped(v6.getAddress());
            if (mapped != null) {
                return text(mapped);
            }
            byte[] bytes = v6.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                int value = ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
                prefix.append(Integer.toHexString(value)).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return text(address);
    }

    private static InetAddress ipv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return null;
        }
        try {
            return Inet4Address.getByAddress(new byte[]{v6[12], v6[13], v6[14], v6[15]});
        } catch (UnknownHostException e) {
            return null; // four bytes are always an address
        }
    }
}
