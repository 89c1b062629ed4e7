package dev.lifeline.kyc.check;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How identity checks judge submissions. */
@ConfigMapping(prefix = "lifeline.identity-checks")
public interface CheckConfig {

    /** Wrong submissions an account may give, across its recoveries, before automation stops deciding for it. */
    @WithDefault("5")
    int wrongAnswersBeforeReview();

    /** How long a wrong submission counts against the account. */
    @WithDefault("P30D")
    Duration wrongAnswersCountFor();

    /**
     * Submissions whose slow answer hashes (PBKDF2, ~140 ms of a core each) run at once; the others wait their
     * turn in arrival order. About the number of cores: more only makes every submission slower.
     */
    @WithDefault("2")
    int hashingMaxConcurrent();

    /** How long a submission waits for its turn to be hashed before it gets a 503 with Retry-After (no attempt spent). */
    @WithDefault("PT20S")
    Duration hashingMaxWait();

    /**
     * How many security questions every check shows — a real profile's (drawn from its keys), a decoy's and a
     * profile-less account's alike (issue 22.1): a count that varied by profile told them apart. At most the fewest
     * questions a profile holds ({@code KycProfile.FEWEST_QUESTIONS}); the service refuses to start otherwise.
     */
    @WithDefault("2")
    int questionsShown();

    /** How long the real profiles' question mix ({@link QuestionMix}) is used before it is counted again. */
    @WithDefault("PT1H")
    Duration questionMixRefresh();

    /**
     * Evidence submissions that failed (wrong evidence, a missing or decided check) one client address may make per
     * rate-limit window ({@code lifeline.rate-limit.window}) before the next is refused with a 429, before it is
     * hashed (issue 22.10): decoys are cheap to start, and without it a stranger on a few addresses kept the
     * {@link #hashingMaxConcurrent} slots busy with wrong evidence while the owner's submission waited. Submissions
     * that confirm or go to review are forgiven, so people behind one shared address do not use up each other's.
     */
    @WithDefault("10")
    int evidencePerClient();

    /** The least time an evidence answer takes, above the work behind it (a profile's slow hashes or none). */
    @WithDefault("PT0.3S")
    Duration responseFloor();

    /**
     * How long a check is kept after its end, a decoy's as a real one's ({@link CheckRetention}): by default
     * {@code lifeline.retention.kept-after-expiry}, the one horizon identity-service prunes its decoys on.
     */
    Duration keptAfterExpiry();

    /** How often checks past that horizon are looked for. */
    Duration pruneInterval();
}
