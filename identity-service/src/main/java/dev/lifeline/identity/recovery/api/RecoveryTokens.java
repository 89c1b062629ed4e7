package dev.lifeline.identity.recovery.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Recovery tokens: 256 bits from a CSPRNG, base64url without padding for the client; only their SHA-256 is stored
 * (a token has too much entropy for a slow hash to add anything).
 */
final class RecoveryTokens {

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token and the hash to store. */
    record Issued(String value, String hash) {
        @Override
        public String toString() {
            return "Issued[hash=" + hash + "]";
        }
    }

    private RecoveryTokens() {
    }

    static Issued issue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(value, hash(value));
    }

    /** Lower-case hex SHA-256 of the token as sent; a missing token hashes like an empty one and matches nothing. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
