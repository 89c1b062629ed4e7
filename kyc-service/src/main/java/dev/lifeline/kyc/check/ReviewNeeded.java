package dev.lifeline.kyc.check;

import java.util.UUID;

/**
 * Fired (a CDI event, synchronously, in the submission's transaction) when a check goes to a person: the review
 * queue opens a case for it.
 *
 * @param highRisk a case that needs two approvals: the recovery needs HIGH assurance (e.g. an MFA account) or the
 *                 account has failed too often lately
 */
public record ReviewNeeded(UUID recoveryId, UUID accountId, boolean highRisk, String signals) {
}
