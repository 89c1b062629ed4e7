package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.http.security.TokenHashes;
import java.security.SecureRandom;
import java.util.Base64;

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
        return new Issued(value, TokenHashes.sha256(value));
    }
}
