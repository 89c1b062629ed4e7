package dev.lifeline.emailverification.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the verification mail is sent (the SMTP server itself is quarkus.mailer.*).
 *
 * <p>Code mails are paced per recipient address ({@code lifeline.mail.per-address.limit} messages per
 * {@code lifeline.mail.per-address.window}, defaults 3 per 15 minutes, counted across instances in PostgreSQL): a
 * mail beyond the budget waits until a slot frees, and the mails due for one address then leave together as one
 * digest. Strangers who start recoveries of someone's account can thus slow the owner's mail, never silence it
 * (issue 22.7).
 */
@ConfigMapping(prefix = "lifeline.mail")
public interface MailConfig {

    /** How often the sender looks for due mails. */
    Duration pollInterval();

    /** How long one SMTP send may take before it counts as failed (and is retried after the backoff). */
    Duration sendTimeout();

    /** How long a sender holds a mail it is sending before another may take it (a sender that died). */
    @WithDefault("PT2M")
    Duration lease();

    /** The wait after the first failure; it doubles with each failure up to {@link #maxBackoff()}. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT5M")
    Duration maxBackoff();

    /** Mails taken at once. */
    @WithDefault("20")
    int batch();

    /** The pace of code mails to one recipient address. */
    PerAddress perAddress();

    interface PerAddress {

        /** Messages (a single code or a digest of several) to one address per {@link #window()}; at least 1. */
        @WithDefault("3")
        int limit();

        /** The sliding window the limit counts in. */
        @WithDefault("PT15M")
        Duration window();
    }
}
