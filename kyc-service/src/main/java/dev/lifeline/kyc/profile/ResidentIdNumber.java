package dev.lifeline.kyc.profile;

import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A PRC resident identity card number (居民身份证号码) as defined by GB 11643-1999: a six-digit address code,
 * an eight-digit birth date ({@code yyyyMMdd}), a three-digit sequence code and an ISO 7064 MOD 11-2 check
 * character ({@code 0-9} or {@code X}).
 *
 * <p>Only the 18-character form is accepted; the 15-character numbers issued before 1999 have no check
 * character, so a typo in them cannot be told apart from a different person.
 *
 * <p>The number is PII: {@link #toString()} returns the {@linkplain #masked() masked} form so it cannot leak
 * into logs by accident, and no error message ever repeats the input.
 */
public final class ResidentIdNumber {

    private static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int EARLIEST_BIRTH_YEAR = 1900;
    /** The numbers are issued in the PRC, so "today" for the birth-date check is China's date, not the server's. */
    private static final ZoneId ISSUING_ZONE = ZoneId.of("Asia/Shanghai");

    private final String canonical;

    private ResidentIdNumber(String canonical) {
        this.canonical = canonical;
    }

    /**
     * Parses a number as a user typed it.
     *
     * @throws IllegalArgumentException with a message fit to show the user when {@code raw} is not a valid number
     */
    public static ResidentIdNumber parse(String raw) {
        return parse(raw, Clock.system(ISSUING_ZONE));
    }

    /**
     * Parses a number as a user typed it, judging "a birth date in the future" by {@code clock}'s instant seen in
     * China's time zone.
     *
     * @throws IllegalArgumentException with a message fit to show the user when {@code raw} is not a valid number
     */
    public static ResidentIdNumber parse(String raw, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (raw == null) {
            throw new IllegalArgumentException("ID number is required");
        }
        // NFKC first: it turns full-width digits and X (typed with a Chinese IME) into ASCII, and no-break
        // spaces into spaces that strip() then removes.
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        if (text.length() != LENGTH) {
            throw new IllegalArgumentException("ID number must be 18 characters");
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                throw new IllegalArgumentException("ID number must be 17 digits followed by a digit or X");
            }
        }
        char last = text.charAt(LENGTH - 1);
        if (!isAsciiDigit(last) && last != 'X') {
            throw new IllegalArgumentException("ID number must be 17 digits followed by a digit or X");
        }
        // The check digit comes before the birth date: it catches any single mistyped digit or swapped pair,
        // the likeliest mistake, so the birth-date message is left for numbers that are consistent but impossible.
        if (checkCharacter(text.substring(0, LENGTH - 1)) != last) {
            throw new IllegalArgumentException("ID number's check digit does not match");
        }
        if (!isPlausibleBirthDate(text.substring(6, 14), LocalDate.now(clock.withZone(ISSUING_ZONE)))) {
            throw new IllegalArgumentException("ID number's birth date is not valid");
        }
        return new ResidentIdNumber(text);
    }

    /**
     * The ISO 7064 MOD 11-2 check character of the first 17 digits: the weights are 2^(17-i) mod 11, and the
     * character is the one that makes the weighted sum of all 18 positions (X counting 10) ≡ 1 mod 11.
     */
    static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static boolean isPlausibleBirthDate(String yyyyMMdd, LocalDate today) {
        int year = Integer.parseInt(yyyyMMdd.substring(0, 4));
        int month = Integer.parseInt(yyyyMMdd.substring(4, 6));
        int day = Integer.parseInt(yyyyMMdd.substring(6, 8));
        if (year < EARLIEST_BIRTH_YEAR) {
            return false;
        }
        try {
            return !LocalDate.of(year, month, day).isAfter(today);
        } catch (DateTimeException notARealDate) {
            return false;
        }
    }

    private static boolean isAsciiDigit(char c) {
        // Not Character.isDigit: that also accepts Arabic-Indic and other digits NFKC leaves alone.
        return c >= '0' && c <= '9';
    }

    /** The 18 characters with an upper-case X: the one form to store, hash or compare. */
    public String canonical() {
        return canonical;
    }

    /**
     * The first four and last four characters with ten asterisks between them, e.g. {@code 1101**********002X}:
     * enough for a support agent to compare with what the caller reads out, while the birth date stays hidden.
     */
    public String masked() {
        return canonical.substring(0, 4) + "*".repeat(LENGTH - 8) + canonical.substring(LENGTH - 4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidentIdNumber that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** The masked form, so that logging or string concatenation never reveals the number. */
    @Override
    public String toString() {
        return masked();
    }
}
