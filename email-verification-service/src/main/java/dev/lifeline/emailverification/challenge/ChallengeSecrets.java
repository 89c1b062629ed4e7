package dev.lifeline.emailverification.challenge;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Codes and link tokens from a CSPRNG, and the only forms in which they are stored. A link token has 256 bits, so
 * its SHA-256 is enough. A code has only 10^6 values, so a plain hash would be reversed in milliseconds: it is an
 * HMAC-SHA256 keyed with the service's secret ({@code lifeline.email-verification.code-key}) and bound to its
 * recovery, so a stolen table alone reveals no code and one code's hash says nothing about another's.
 */
@ApplicationScoped
public class ChallengeSecrets {

    static final int CODE_DIGITS = 6;
    private static final int CODE_BOUND = 1_000_000;
    private static final int LINK_TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh code and link token, in the clear only on their way into a mail. */
    public record Issued(String code, String linkToken) {
        @Override
        public String toString() {
            return "Issued[]";
        }
    }

    private final SecretKeySpec codeKey;

    /** 32 bytes: the HMAC-SHA256 key must be as strong as the hash. */
    static final int SHORTEST_KEY = 32;

    ChallengeSecrets(ChallengeConfig config) {
        if (config.codeKey().getBytes(StandardCharsets.UTF_8).length < SHORTEST_KEY) {
            throw new IllegalStateException("lifeline.email-verification.code-key (LIFELINE_EMAIL_VERIFICATION_CODE_KEY)"
                    + " must be at least " + SHORTEST_KEY + " bytes of secret");
        }
        this.codeKey = new SecretKeySpec(config.codeKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    Issued issue() {
        String code = String.format("%0" + CODE_DIGITS + "d", RANDOM.nextInt(CODE_BOUND));
        byte[] token = new byte[LINK_TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return new Issued(code, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    String codeHash(UUID recoveryId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(codeKey);
            return HexFormat.of().formatHex(mac.doFinal((recoveryId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }
}
