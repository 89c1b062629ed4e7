package dev.lifeline.identity.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How usernames, email addresses and phone numbers are validated, normalised and told apart. The three never
 * overlap: an email has an '@', a username has no '@' and at least one letter, a phone number has no letter. So
 * a login identifier names at most one account without any precedence rule.
 */
public final class Identifiers {

    /** Letters and digits of any script, plus '.', '_' and '-'. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._-]{3,64}");
    private static final Pattern HAS_LETTER = Pattern.compile(".*\\p{L}.*");
    /** Deliberately loose (RFC 5321 limits, one '@', no spaces): the bound address is verified by mail anyway. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_EMAIL_LENGTH = 254;
    /** What people type around digits: spaces, hyphens, dots and parentheses. */
    private static final Pattern PHONE_DECORATION = Pattern.compile("[\\s().-]");
    /** E.164 allows at most 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    /** The kind of account attribute an identifier names. */
    public enum Kind {
        USERNAME, EMAIL, PHONE
    }

    /**
     * A login identifier read as one attribute; {@code value} is trimmed and normalised as stored (the email and
     * username still compared case-insensitively).
     */
    public record Identifier(Kind kind, String value) {
    }

    private Identifiers() {
    }

    /** Empty when the text cannot be any account's identifier, which callers answer like an unknown one. */
    public static Optional<Identifier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = normalise(text);
        if (value.indexOf('@') >= 0) {
            return isEmail(value) ? Optional.of(new Identifier(Kind.EMAIL, value)) : Optional.empty();
        }
        String phone = normalisePhone(value);
        if (PHONE.matcher(phone).matches()) {
            return Optional.of(new Identifier(Kind.PHONE, phone));
        }
        return isUsername(value) ? Optional.of(new Identifier(Kind.USERNAME, value)) : Optional.empty();
    }

    /**
     * One spelling per identifier, for counting and pseudonymising it: the parsed kind and value, lower-cased
     * (username and email compare case-insensitively); text that is no identifier is kept as typed, normalised.
     */
    public static String canonical(String text) {
        return parse(text)
                .map(identifier -> identifier.kind() + ":" + identifier.value().toLowerCase(Locale.ROOT))
                .orElseGet(() -> "other:" + normalise(text == null ? "" : text).toLowerCase(Locale.ROOT));
    }

    /** Strips what people type around the digits; keeps a leading '+'. */
    public static String normalisePhone(String phone) {
        return PHONE_DECORATION.matcher(phone.strip()).replaceAll("");
    }

    static String requireUsername(String username) {
        String value = normalise(requireText(username, "username"));
        if (!isUsername(value)) {
            throw new IllegalArgumentException(
                    "username must be 3-64 letters, digits, '.', '_' or '-', with at least one letter");
        }
        return value;
    }

    static String requireEmail(String email) {
        String value = normalise(requireText(email, "email"));
        if (!isEmail(value)) {
            throw new IllegalArgumentException("email is not an email address");
        }
        return value;
    }

    /** The normalised phone number; IllegalArgumentException with a message for people when it is none. */
    public static String requirePhone(String phone) {
        String value = normalisePhone(requireText(phone, "phone"));
        if (!PHONE.matcher(value).matches()) {
            throw new IllegalArgumentException("phone must be 6-15 digits, optionally after '+'");
        }
        return value;
    }

    private static boolean isUsername(String value) {
        return USERNAME.matcher(value).matches() && HAS_LETTER.matcher(value).matches();
    }

    private static boolean isEmail(String value) {
        return value.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches();
    }

    /** NFKC so that full-width input (common with CJK keyboards) matches what was registered. */
    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static String requireText(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return text;
    }
}
