package dev.lifeline.http.privacy;

/**
 * How contact details appear wherever a person reads them without needing them whole: events, audit lines, the
 * support views. Enough to recognise one's own ({@code *******5678}, {@code l*****@example.com}), not enough to
 * reach the owner.
 */
public final class Masks {

    /** Digits of a phone number left visible. */
    public static final int VISIBLE_PHONE_DIGITS = 4;

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
}
