package dev.lifeline.identity.account;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Objects;

/**
 * Argon2id password hashing with the OWASP Password Storage parameters: m = 19 MiB, t = 2, p = 1, a 16-byte salt
 * from a CSPRNG and a 32-byte hash, stored as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}).
 * The string carries its parameters, so hashes made with older ones still verify and {@link #needsRehash} tells
 * when to re-hash after a successful login.
 * <p>
 * Passwords are NFKC-normalised first (NIST SP 800-63B-4), so that the same password typed on another keyboard or
 * input method still matches.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;

    /**
     * Verified against when an identifier names no account, so that an unknown identifier costs the same time as
     * a wrong password. Its password was random and discarded; it must use the current parameters (tested).
     */
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$tuD/xMqLIkGnE3bHsm//Lw$iMNp3n2z0/l9aR+91IAba6Kk0bmG29RERS/5SeLG8I8";

    /** password4j shares one instance per parameter set; it is stateless between calls and thread-safe. */
    private static final Argon2Function CURRENT = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM,
            HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

    private final SecureRandom random = new SecureRandom();

    /** A new PHC string for {@code password}, with a fresh salt. */
    public String hash(CharSequence password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return CURRENT.hash(bytes(password), salt).getResult();
    }

    /**
     * Whether {@code password} matches {@code encodedHash}, with whatever Argon2id parameters that hash was made.
     * False, never an exception, for a missing or malformed hash.
     */
    public boolean verify(CharSequence password, String encodedHash) {
        if (password == null) {
            return false;
        }
        Argon2Function function = functionOf(encodedHash);
        if (function == null) {
            return false;
        }
        // password4j compares the computed and stored hashes in constant time.
        return function.check(bytes(password), encodedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Does the work of {@link #verify} against a dummy hash and returns false: the answer for an identifier that
     * names no account, taking as long as a wrong password does.
     */
    public boolean verifyUnknown(CharSequence password) {
        verify(password == null ? "" : password, DUMMY_HASH);
        return false;
    }

    /** True when {@code encodedHash} was made with other parameters than the current ones (or cannot be read). */
    public boolean needsRehash(String encodedHash) {
        return !CURRENT.equals(functionOf(encodedHash));
    }

    /** The Argon2id function an encoded hash was made with; null when it is not an Argon2id PHC string. */
    private static Argon2Function functionOf(String encodedHash) {
        if (encodedHash == null || !encodedHash.startsWith("$argon2id$")) {
            return null;
        }
        try {
            return Argon2Function.getInstanceFromHash(encodedHash);
        } catch (RuntimeException malformed) {
            // password4j signals unreadable strings with BadParametersException, bad numbers with
            // NumberFormatException and bad Base64 with IllegalArgumentException.
            return null;
        }
    }

    private static byte[] bytes(CharSequence password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    }
}
