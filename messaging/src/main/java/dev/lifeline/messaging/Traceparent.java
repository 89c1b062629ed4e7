package dev.lifeline.messaging;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * W3C trace context for outgoing events. Without a tracing SDK each event starts a trace of its own, which still
 * lets audit consumers and logs correlate one event's hops; adding OpenTelemetry later replaces this.
 */
final class Traceparent {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Traceparent() {
    }

    static String newTrace() {
        byte[] ids = new byte[24]; // 16 bytes trace-id, 8 bytes parent-id
        RANDOM.nextBytes(ids);
        String hex = HexFormat.of().formatHex(ids);
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
    }
}
