package dev.lifeline.kyc.profile;

/**
 * How one piece of evidence compared with the fact on file, as shown per fact to a support reviewer (ID number,
 * bank card, registration data, each security answer).
 *
 * <p>A reviewer sees only this signal and the masked value on file, never what the claimant typed, so review
 * does not become a way to read or harvest PII.
 */
public enum MatchSignal {

    /** The claimant gave this fact and it equals the one on file (after normalisation). */
    MATCH,

    /** The claimant gave this fact and it differs from the one on file — a strong sign against the claim. */
    MISMATCH,

    /**
     * The claimant did not give this fact. Kept apart from {@link #MISMATCH} because a fact left out is an
     * absence of evidence, not evidence against the claimant.
     */
    NOT_PROVIDED
}
