package dev.lifeline.identity.recoverycode;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * What a saved recovery code looks like: 24 characters of Crockford's base32 (digits and capitals without I, L, O
 * and U) in six groups of four, e.g. {@code 7K3M-9QXD-2HVA-R8TN-4FPW-JC6E}: 120 bits from the CSPRNG, above NIST
 * SP 800-63B-4's 112 bits under which a look-up secret would need a slow password hash. Typing is forgiving:
 * case, spaces and hyphens do not matter, and O, I and L read as 0, 1 and 1.
 */
public final class RecoveryCodeFormat {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 24;
    static final int GROUP = 4;
    /** What a client is told a code looks like. */
    public static final String EXAMPLE = "7K3M-9QXD-2HVA-R8TN-4FPW-JC6E";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodeFormat() {
    }

    /** A new code, grouped for display. */
    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The canonical form of what someone typed (24 characters, no separators), which is what is hashed; empty when
     * it cannot be a code at all.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char read = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(read) < 0 || canonical.length() == LENGTH) {
                return Optional.empty();
            }
            canonical.append(read);
        }
        return canonical.length() == LENGTH ? Optional.of(canonical.toString()) : Optional.empty();
    }
}
