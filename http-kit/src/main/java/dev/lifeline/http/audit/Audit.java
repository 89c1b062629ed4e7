package dev.lifeline.http.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One structured line per decision on the {@code lifeline.audit} category: who, what, when, from where and the
 * outcome, plus details as {@code key=value}. Callers pass no secrets and no full identifiers (use
 * {@link Pseudonyms#forLog}); values are still stripped of whitespace and control characters so that no input can
 * forge a line.
 */
@ApplicationScoped
public class Audit {

    public static final String CATEGORY = "lifeline.audit";
    public static final String ANONYMOUS = "anonymous";
    /** The service itself (schedulers, saga reactions, consequences of another decision), never a person. */
    public static final String SYSTEM = "system";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final Pattern UNSAFE = Pattern.compile("[\\s\\p{Cntrl}=\"]+");
    private static final int MAX_VALUE_LENGTH = 120;

    /**
     * @param who     account id, JWT subject, {@value #ANONYMOUS} or {@value #SYSTEM}
     * @param what    the action, e.g. {@code recovery.start}
     * @param from    the client address
     * @param outcome e.g. {@code started}, {@code refused}, {@code rate-limited}
     * @param details further {@code key, value} pairs
     */
    public void record(String who, String what, String from, String outcome, String... details) {
        if (details.length % 2 != 0) {
            throw new IllegalArgumentException("details must be key, value pairs");
        }
        StringBuilder line = new StringBuilder(160)
                .append("at=").append(Instant.now())
                .append(" who=").append(safe(who))
                .append(" what=").append(safe(what))
                .append(" from=").append(safe(from))
                .append(" outcome=").append(safe(outcome));
        for (int i = 0; i < details.length; i += 2) {
            line.append(' ').append(safe(details[i])).append('=').append(safe(details[i + 1]));
        }
        LOG.info(line);
    }

    static String safe(String value) {
        String text = UNSAFE.matcher(Objects.requireNonNullElse(value, "-")).replaceAll("_");
        return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text;
    }
}
