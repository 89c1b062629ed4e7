package dev.lifeline.kyc.profile;

import java.text.Normalizer;
import java.util.Objects;

/**
 * How identity facts on file are shown to support agents: enough to recognise a case, never the full value.
 *
 * <p>Everything counts Unicode code points, not Java {@code char}s, so a name with a character outside the
 * Basic Multilingual Plane (such as 𠮷, common in Chinese names) is neither cut in half nor over-counted.
 */
public final class Masking {

    private static final String MASK = "*";

    private Masking() {
    }

    /**
     * The name's first code point followed by one asterisk per further code point: {@code 张三} → {@code 张*},
     * {@code 欧阳娜娜} → {@code 欧***}, {@code Alice} → {@code A****}.
     *
     * <p>A one-character name is masked entirely ({@code *}), because keeping its first code point would show
     * all of it. The name is NFC-normalised first, so an accent typed as a combining mark does not add an
     * asterisk.
     */
    public static String name(String realName) {
        Objects.requireNonNull(realName, "realName");
        String text = Normalizer.normalize(realName, Normalizer.Form.NFC).strip();
        int length = text.codePointCount(0, text.length());
        if (length <= 1) {
            return MASK.repeat(length);
        }
        int firstEnd = text.offsetByCodePoints(0, 1);
        return text.substring(0, firstEnd) + MASK.repeat(length - 1);
    }

    /**
     * A bank card as its issuer and last four digits, e.g. {@code ICBC ****4321}; the asterisks stand for the
     * hidden digits as a whole, not for how many there are.
     *
     * @throws IllegalArgumentException when the issuer is blank or {@code last4} is not four digits
     */
    public static String card(String issuer, String last4) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("card issuer is required");
        }
        String issuerName = Normalizer.normalize(issuer, Normalizer.Form.NFKC).strip();
        return issuerName + " ****" + last4(last4);
    }

    /**
     * Validates the last four digits of a card as a user typed them: exactly four ASCII digits after NFKC (so
     * full-width {@code ４３２１} is accepted) and stripping surrounding whitespace.
     *
     * @return the four ASCII digits
     * @throws IllegalArgumentException with a message fit to show the user, without repeating the input
     */
    public static String last4(String digits) {
        if (digits == null) {
            throw new IllegalArgumentException("the card's last 4 digits are required");
        }
        String text = Normalizer.normalize(digits, Normalizer.Form.NFKC).strip();
        if (text.length() != 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the card's last 4 digits must be exactly 4 digits");
        }
        return text;
    }
}
