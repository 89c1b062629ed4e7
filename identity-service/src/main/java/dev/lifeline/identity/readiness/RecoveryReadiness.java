package dev.lifeline.identity.readiness;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.PhoneStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * How well an account could be recovered if its phone stopped working today, from what is on file, and what the owner
 * could do about it. The rules in one place:
 * <ul>
 *   <li>a recovery needs the verified email plus either identity proofing (KYC facts on file) or a saved recovery
 *       code (when the policy lets codes replace proofing: not for MFA accounts unless configured);</li>
 *   <li>{@link Rating#STRONG}: both routes are there, so losing one still leaves the other;</li>
 *   <li>{@link Rating#GOOD}: one of them;</li>
 *   <li>{@link Rating#WEAK}: no automated route, but support could still be asked: KYC facts without a verified
 *       email (then identity must be proven at HIGH), or a verified email with nothing to prove identity with;</li>
 *   <li>{@link Rating#AT_RISK}: neither a verified email nor anything on file to prove identity.</li>
 * </ul>
 */
public final class RecoveryReadiness {

    public enum Rating {
        AT_RISK, WEAK, GOOD, STRONG
    }

    /** {@code VERIFIED}, {@code UNVERIFIED} or {@code NONE}. */
    public enum EmailState {
        VERIFIED, UNVERIFIED, NONE
    }

    /** {@code ACTIVE}, {@code SUSPENDED} or {@code NONE}. */
    public enum PhoneState {
        ACTIVE, SUSPENDED, NONE
    }

    /** At or below this many codes left, the owner is advised to renew the set. */
    static final int FEW_CODES_LEFT = 2;

    /** What is on file for one account. */
    public record Facts(EmailState email, PhoneState phone, int securityQuestions, List<IdentityFact> identityFacts,
                        int recoveryCodesLeft, boolean mfaEnrolled, boolean codesReplaceProofing) {
        public Facts {
            identityFacts = List.copyOf(identityFacts);
        }

        static PhoneState phoneState(boolean hasPhone, PhoneStatus status) {
            if (!hasPhone) {
                return PhoneState.NONE;
            }
            return status == PhoneStatus.ACTIVE ? PhoneState.ACTIVE : PhoneState.SUSPENDED;
        }

        boolean identityOnFile() {
            return securityQuestions > 0 || !identityFacts.isEmpty();
        }

        boolean usableCodes() {
            return recoveryCodesLeft > 0 && codesReplaceProofing;
        }
    }

    private RecoveryReadiness() {
    }

    public static Rating rate(Facts facts) {
        boolean email = facts.email() == EmailState.VERIFIED;
        int routes = (email && facts.identityOnFile() ? 1 : 0) + (email && facts.usableCodes() ? 1 : 0);
        if (routes == 2) {
            return Rating.STRONG;
        }
        if (routes == 1) {
            return Rating.GOOD;
        }
        return email || facts.identityOnFile() ? Rating.WEAK : Rating.AT_RISK;
    }

    /** What the owner could do, most important first. */
    public static List<Advice> advise(Facts facts) {
        List<Advice> advice = new ArrayList<>();
        switch (facts.email()) {
            case NONE -> advice.add(Advice.ADD_EMAIL);
            case UNVERIFIED -> advice.add(Advice.VERIFY_EMAIL);
            case VERIFIED -> { }
        }
        switch (facts.phone()) {
            case SUSPENDED -> advice.add(Advice.BIND_NEW_PHONE);
            case NONE -> advice.add(Advice.ADD_PHONE);
            case ACTIVE -> { }
        }
        if (facts.codesReplaceProofing()) {
            if (facts.recoveryCodesLeft() == 0) {
                advice.add(Advice.SET_UP_RECOVERY_CODES);
            } else if (facts.recoveryCodesLeft() <= FEW_CODES_LEFT) {
                advice.add(Advice.RENEW_RECOVERY_CODES);
            }
        }
        if (!facts.identityOnFile()) {
            advice.add(Advice.ADD_IDENTITY_DETAILS);
        } else if (facts.securityQuestions() == 0) {
            advice.add(Advice.ADD_SECURITY_QUESTIONS);
        }
        if (!facts.mfaEnrolled()) {
            advice.add(Advice.ADD_SECOND_FACTOR);
        }
        return List.copyOf(advice);
    }
}
