package dev.lifeline.http.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How contact details appear wherever a person reads them without needing them whole: events, audit lines, the
 * support views. Enough to recognise one's own ({@code *******5678}, {@code l*****@example.com}), not enough to
 * reach the owner.
 */
public final class Masks {

    /** Digits of a phone number left visible. */
    public static final int VISIBLE_PHONE_DIGITS = 4;

    /**
     * An address inside free text: a local part (dot-atom characters, or a quoted string) and a domain of letters,
     * digits and hyphens in any script. Generous on purpose: masking a look-alike costs nothing, leaking an address
     * does.
     */
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile(
            "(?:\"[^\"\\r\\n]*\"|[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]+)"
                    + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*");

    private Masks() {
    }

    /** Every digit but the last four replaced by '*', e.g. {@code *******5678}; other characters kept. */
    public static String phone(String phone) {
        StringBuilder masked = new StringBuilder(phone.length());
        int digitsLeft = (int) phone.chars().filter(Character::isDigit).count();
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c)) {
                masked.append(digitsLeft-- > VISIBLE_PHONE_DIGITS ? '*' : c);
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** The local part's first character and the domain, e.g. {@code l*****@example.com}. */
    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "*****";
        }
        return email.charAt(0) + "*****" + email.substring(at);
    }

    /**
     * The text with every address in it masked as {@link #email(String)} does, the rest unchanged: for what a
     * server answered (an SMTP refusal quotes the recipient, e.g. {@code <li.wei@example.com>: Recipient address
     * rejected}) before it goes to a log or a stored error. Null stays null.
     */
    public static String emailsIn(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return EMAIL_IN_TEXT.matcher(text).replaceAll(match -> Matcher.quoteReplacement(email(match.group())));
    }

    /**
     * A failure as a log line or a stored error may show it: its type and its message with every address masked
     * ({@link #emailsIn}), e.g. {@code MailException: <l*****@example.com>: Recipient address rejected}.
     */
    public static String failure(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + emailsIn(failure.getMessage());
    }
}
