package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.kyc.profile.Fact;
import dev.lifeline.kyc.profile.MatchSignal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the facts a token holder gave decide an identity check, by rule (security requirement 6: security questions
 * are never enough alone):
 * <ul>
 *   <li>every fact given matches, and they include questions <em>and</em> registration data, or ID number <em>and</em>
 *   bank card together with either of those → SUBSTANTIAL;</li>
 *   <li>every fact given matches but they reach no level (e.g. questions alone), or reach less than the recovery
 *   needs, or the account has failed too often lately → a person decides (review);</li>
 *   <li>some match and some do not → review;</li>
 *   <li>nothing given matches → not confirmed, one attempt spent.</li>
 * </ul>
 * Automated matching tops out at SUBSTANTIAL, however many facts match: every fact here is something typed, which
 * leaks (an ID number, a card's issuer and last four digits, a registration city), and knowledge is not possession.
 * HIGH comes only from a person: the two-person review ({@code IdentityCheck#reviewed}). So an automated
 * confirmation always leaves the recovery behind identity-service's cooling-off, and a recovery that needs HIGH (no
 * verified email, MFA enrolled) always goes to review.
 */
public final class Scoring {

    public enum Outcome {
        CONFIRMED, REVIEW, NOT_CONFIRMED
    }

    /** A decision and, when confirmed, the level reached. */
    public record Verdict(Outcome outcome, Optional<Assurance> assurance) {
        static Verdict of(Outcome outcome) {
            return new Verdict(outcome, Optional.empty());
        }
    }

    /** The per-fact signals of one submission; shown to reviewers, never the facts themselves. */
    public record Signals(Map<Fact, MatchSignal> byFact) {
        public Signals {
            EnumMap<Fact, MatchSignal> all = new EnumMap<>(Fact.class);
            for (Fact fact : Fact.values()) {
                all.put(fact, Objects.requireNonNullElse(byFact.get(fact), MatchSignal.NOT_PROVIDED));
            }
            byFact = Map.copyOf(all);
        }

        public MatchSignal of(Fact fact) {
            return byFact.get(fact);
        }

        boolean any(MatchSignal signal) {
            return byFact.containsValue(signal);
        }

        boolean matched(Fact fact) {
            return of(fact) == MatchSignal.MATCH;
        }
    }

    private Scoring() {
    }

    /**
     * @param required             the assurance the recovery needs
     * @param automationTrustsThis false once the account's recent wrong answers passed the threshold
     */
    public static Verdict decide(Signals signals, Assurance required, boolean automationTrustsThis) {
        boolean anyMatch = signals.any(MatchSignal.MATCH);
        boolean anyMismatch = signals.any(MatchSignal.MISMATCH);
        if (!anyMatch) {
            return Verdict.of(Outcome.NOT_CONFIRMED);
        }
        if (anyMismatch || !automationTrustsThis) {
            return Verdict.of(Outcome.REVIEW);
        }
        Optional<Assurance> reached = reached(signals);
        if (reached.isEmpty() || reached.get().compareTo(required) < 0) {
            return Verdict.of(Outcome.REVIEW);
        }
        return new Verdict(Outcome.CONFIRMED, reached);
    }

    /** The level that matching facts reach on their own, never above SUBSTANTIAL; empty when they reach none. */
    static Optional<Assurance> reached(Signals signals) {
        boolean knowledge = signals.matched(Fact.SECURITY_QUESTIONS) || signals.matched(Fact.REGISTRATION);
        boolean documents = signals.matched(Fact.ID_NUMBER) && signals.matched(Fact.BANK_CARD);
        boolean bothKinds = signals.matched(Fact.SECURITY_QUESTIONS) && signals.matched(Fact.REGISTRATION);
        return documents && knowledge || bothKinds ? Optional.of(Assurance.SUBSTANTIAL) : Optional.empty();
    }
}
