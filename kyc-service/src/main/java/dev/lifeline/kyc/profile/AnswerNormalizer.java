package dev.lifeline.kyc.profile;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Brings a security-question answer to the one form that is hashed at enrolment and compared at recovery, so
 * the owner is not refused for typing {@code Ｂｅｉｊｉｎｇ} with a Chinese IME, {@code BEIJING}, or
 * {@code 北京。} where {@code 北京} was enrolled.
 *
 * <p>The rule: Unicode NFKC (full-width to half-width, ligatures and compatibility forms to plain letters),
 * case folding, then only letters, combining marks and digits of every script are kept — whitespace (including
 * the ideographic space U+3000), punctuation, symbols and invisible format characters are dropped.
 *
 * <p>Changing this rule invalidates every stored answer hash, so it must change only together with a
 * re-enrolment plan.
 */
public final class AnswerNormalizer {

    private AnswerNormalizer() {
    }

    /**
     * The normalised answer; it may be empty when the answer held nothing but spaces and punctuation, which
     * callers should refuse (see {@link #isBlankAfterNormalizing(String)}) rather than hash.
     *
     * @throws IllegalArgumentException when {@code answer} is null
     */
    public static String normalize(String answer) {
        if (answer == null) {
            throw new IllegalArgumentException("answer is required");
        }
        String text = Normalizer.normalize(answer, Normalizer.Form.NFKC);
        // Java has no full case folding; upper- then lower-casing gets close: ß → SS → ss, ﬀ → FF → ff.
        // ROOT, never the default locale, or a Turkish server would fold I to ı and refuse the owner's answer.
        text = text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        // Lower-casing writes Σ as ς at a word's end; once spaces are gone the word ends elsewhere, so fold
        // both sigmas to σ, as Unicode case folding does.
        text = text.replace('ς', 'σ');
        // Case mapping can produce text that is not NFKC; normalise again so normalize(normalize(x)) == normalize(x).
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);

        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(AnswerNormalizer::isKept).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** Whether the answer has no letter or digit at all, so there is nothing to enrol or compare. */
    public static boolean isBlankAfterNormalizing(String answer) {
        return normalize(answer).isEmpty();
    }

    private static boolean isKept(int codePoint) {
        // An allow-list, not a deny-list of P* and S*: whitespace, controls, zero-width and private-use
        // characters are invisible on screen and must not make two answers differ.
        // Combining marks stay: they are part of the letter in scripts such as Devanagari or Thai, and
        // dropping them would merge different answers.
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
