package dev.lifeline.http.audit;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** {@code lifeline.pseudonyms.*}: how identifiers and addresses are turned into keys that reveal neither. */
@ConfigMapping(prefix = "lifeline.pseudonyms")
public interface PseudonymConfig {

    /**
     * The HMAC key (a pepper, from the environment: {@code LIFELINE_PSEUDONYMS_PEPPER}). Every instance must use the
     * same one, or they count rate limits apart. Without it, pseudonyms are plain SHA-256, which a dictionary of
     * phone numbers can reverse: production refuses to start, dev and test warn.
     */
    Optional<String> pepper();
}
