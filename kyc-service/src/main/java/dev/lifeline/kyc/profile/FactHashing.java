package dev.lifeline.kyc.profile;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The only forms in which identity facts are stored. A fact with little entropy (an ID number has ~10^10 plausible
 * values, a city a few thousand) would fall to a plain hash at once, so facts are HMACs with the service's secret
 * key: a stolen table alone reveals none. Security answers, which people reuse elsewhere, get a slow salted hash
 * (PBKDF2-HMAC-SHA256) of their normalised form on top, so that even the key's holder must guess one at a time.
 */
@ApplicationScoped
public class FactHashing {

    static final int SHORTEST_KEY = 32;
    private static final String ANSWER_SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec factKey;
    private final int iterations;
    private final String nothing;

    FactHashing(ProfileConfig config) {
        if (config.factKey().getBytes(StandardCharsets.UTF_8).length < SHORTEST_KEY) {
            throw new IllegalStateException("lifeline.kyc.fact-key (LIFELINE_KYC_FACT_KEY) must be at least "
                    + SHORTEST_KEY + " bytes of secret");
        }
        this.factKey = new SecretKeySpec(config.factKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.iterations = config.answerHashIterations();
        this.nothing = answer("");
    }

    /**
     * The same work as {@link #answerMatches} against a hash no answer matches: a check without a profile (a decoy,
     * an account without KYC data) must take as long as one with.
     */
    public boolean answerMatchesNothing(String normalized) {
        answerMatches(normalized + "\u0000", nothing);
        return false;
    }

    /** HMAC-SHA256 of a fact in its canonical form, with the fact's kind so equal values of two kinds differ. */
    public String fact(String kind, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(factKey);
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    /** A new salted slow hash of an answer (already normalised), keyed first so the table alone cannot be attacked. */
    public String answer(String normalized) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return ANSWER_SCHEME + "$" + iterations + "$" + b64(salt) + "$" + b64(pbkdf2(normalized, salt, iterations));
    }

    /** Whether the (normalised) answer is the one {@code stored} was made from; constant-time. */
    public boolean answerMatches(String normalized, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !ANSWER_SCHEME.equals(parts[0])) {
            throw new IllegalStateException("not an answer hash of this service");
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(normalized, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Constant-time comparison of two fact hashes. */
    public static boolean same(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] pbkdf2(String normalized, byte[] salt, int rounds) {
        try {
            // The password is the answer's HMAC: the PBKDF2 input is keyed, and its length bounded.
            char[] keyed = fact("answer", normalized).toCharArray();
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(keyed, salt, rounds, HASH_BITS)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has PBKDF2WithHmacSHA256", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
