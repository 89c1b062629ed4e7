package dev.lifeline.emailverification.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the verification mail is sent (the SMTP server itself is quarkus.mailer.*). */
@ConfigMapping(prefix = "lifeline.mail")
public interface MailConfig {

    /** How often the sender looks for due mails. */
    Duration pollInterval();

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
}
