package dev.lifeline.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How every service stores and compares high-entropy secrets it hands out or is shown (recovery tokens, link
 * tokens): lower-case hex SHA-256 — enough for 256-bit random values, which no dictionary covers — compared in
 * constant time, so that how much of a hash matched never shows in an answer's timing. identity-service hashes a
 * recovery token once; the participants hash what the token holder sends and compare with RecoveryRequested's.
 */
public final class TokenHashes {

    private TokenHashes() {
    }

    /** Lower-case hex SHA-256 of the token as sent; a missing token hashes like an empty one and matches nothing. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Constant-time equality of two hashes (any ASCII digests); a missing one matches nothing. */
    public static boolean same(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }
}
