package dev.lifeline.notification.channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Standard Webhooks signature (standardwebhooks.com): {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}
 * keyed with the secret's bytes ({@code whsec_<base64>}). Receivers verify it the same way, in constant time, and
 * refuse old timestamps.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException unless the secret is {@code whsec_} and base64 of 24–64 bytes */
    public static WebhookSignature withSecret(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " and base64", e);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook secret holds " + MIN_KEY_BYTES + "–" + MAX_KEY_BYTES + " bytes");
        }
        return new WebhookSignature(key);
    }

    /** The {@code webhook-signature} header's value. */
    public String sign(String id, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id + "." + timestampSeconds + "." + body));
    }

    /** Whether one of the header's space-separated signatures is this secret's for the message. */
    public boolean verifies(String id, long timestampSeconds, String body, String header) {
        byte[] expected = hmac(id + "." + timestampSeconds + "." + body);
        for (String signature : header.split(" ")) {
            if (signature.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(signature.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
