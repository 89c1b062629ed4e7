package dev.lifeline.identity.phoneproof;

import dev.lifeline.http.audit.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

/**
 * The codes that prove a new phone: six digits from a CSPRNG, kept only as an HMAC (the pseudonym pepper, never in
 * the database) bound to the recovery, and the text that carries one, in the account's language.
 */
@ApplicationScoped
public class PhoneCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pseudonyms pseudonyms;

    PhoneCodes(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The stored form of {@code code} for one recovery's proof. */
    public String hash(UUID recoveryId, String code) {
        return pseudonyms.of("phone-proof:" + recoveryId + ":" + code);
    }

    static String text(String code, String locale, Duration ttl) {
        long minutes = Math.max(1, ttl.toMinutes());
        return "zh-CN".equals(locale)
                ? "【Lifeline】验证码 " + code + "，用于把本号码绑定到您的账户，" + minutes + " 分钟内有效。请勿告诉任何人。"
                + "如非本人操作，请忽略。"
                : "Lifeline: " + code + " is your code to bind this number to your account. It expires in " + minutes
                + " minutes. Never share it. If you did not ask for it, ignore this text.";
    }
}
