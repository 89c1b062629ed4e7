package dev.lifeline.http.audit;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stable, one-way stand-ins for identifiers, account ids and client addresses: rate-limit keys and audit lines
 * can tell two requests for the same identifier apart from others without ever storing or logging it.
 */
@ApplicationScoped
public class Pseudonyms {

    private static final Logger LOG = Logger.getLogger(Pseudonyms.class);
    /** Enough to tell values apart in a log; the full digest is used for keys. */
    private static final int SHORT_HEX = 16;

    private final Optional<byte[]> pepper;

    Pseudonyms(PseudonymConfig config) {
        this.pepper = config.pepper().filter(p -> !p.isBlank()).map(p -> p.getBytes(StandardCharsets.UTF_8));
    }

    /** Production refuses to start without a pepper; dev and test only warn. */
    void requirePepper(@Observes StartupEvent started) {
        requirePepper(LaunchMode.current());
    }

    void requirePepper(LaunchMode mode) {
        if (pepper.isPresent()) {
            return;
        }
        if (mode == LaunchMode.NORMAL) {
            throw new IllegalStateException("lifeline.pseudonyms.pepper is not set (LIFELINE_PSEUDONYMS_PEPPER): without it"
                    + " rate-limit keys and audit pseudonyms are unkeyed SHA-256, which a dictionary of phone numbers reverses");
        }
        LOG.warn("lifeline.pseudonyms.pepper is not set: rate-limit keys and audit pseudonyms are unkeyed SHA-256");
    }

    /** The hex HMAC-SHA-256 (or SHA-256 without a pepper) of {@code value}. */
    public String of(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try {
            if (pepper.isPresent()) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(pepper.get(), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(bytes));
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256 and SHA-256", e);
        }
    }

    /** A shortened pseudonym for audit lines, e.g. {@code id:3f9a0c4e1b2d7a66}. */
    public String forLog(String value) {
        return "id:" + of(value).substring(0, SHORT_HEX);
    }
}
