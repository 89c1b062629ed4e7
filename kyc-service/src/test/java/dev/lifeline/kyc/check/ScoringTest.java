package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.kyc.check.Scoring.Outcome;
import dev.lifeline.kyc.check.Scoring.Signals;
import dev.lifeline.kyc.check.Scoring.Verdict;
import dev.lifeline.kyc.profile.Fact;
import dev.lifeline.kyc.profile.MatchSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static dev.lifeline.kyc.profile.Fact.BANK_CARD;
import static dev.lifeline.kyc.profile.Fact.ID_NUMBER;
import static dev.lifeline.kyc.profile.Fact.REGISTRATION;
import static dev.lifeline.kyc.profile.Fact.SECURITY_QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringTest {

    /** Every fact given matches; the rest are not given. Facts are named by their enum constant, space separated. */
    @ParameterizedTest(name = "{0} for {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            SECURITY_QUESTIONS REGISTRATION                    | SUBSTANTIAL | CONFIRMED | SUBSTANTIAL
            ID_NUMBER BANK_CARD SECURITY_QUESTIONS             | SUBSTANTIAL | CONFIRMED | SUBSTANTIAL
            ID_NUMBER BANK_CARD REGISTRATION                   | SUBSTANTIAL | CONFIRMED | SUBSTANTIAL
            ID_NUMBER BANK_CARD SECURITY_QUESTIONS REGISTRATION| SUBSTANTIAL | CONFIRMED | SUBSTANTIAL
            ID_NUMBER BANK_CARD SECURITY_QUESTIONS             | HIGH        | REVIEW    | -
            ID_NUMBER BANK_CARD REGISTRATION                   | HIGH        | REVIEW    | -
            ID_NUMBER BANK_CARD SECURITY_QUESTIONS REGISTRATION| HIGH        | REVIEW    | -
            SECURITY_QUESTIONS REGISTRATION                    | HIGH        | REVIEW    | -
            ID_NUMBER BANK_CARD                                | SUBSTANTIAL | REVIEW    | -
            SECURITY_QUESTIONS                                 | SUBSTANTIAL | REVIEW    | -
            REGISTRATION                                       | SUBSTANTIAL | REVIEW    | -
            ID_NUMBER                                          | SUBSTANTIAL | REVIEW    | -
            BANK_CARD                                          | SUBSTANTIAL | REVIEW    | -
            ID_NUMBER SECURITY_QUESTIONS REGISTRATION          | HIGH        | REVIEW    | -
            BANK_CARD SECURITY_QUESTIONS REGISTRATION          | HIGH        | REVIEW    | -
            """)
    void fullyMatchingFactsAreDecidedByTheLevelTheyReach(String matched, Assurance required, Outcome outcome,
                                                        Assurance reached) {
        Verdict verdict = Scoring.decide(matching(facts(matched)), required, true);

        assertThat(verdict).isEqualTo(new Verdict(outcome, Optional.ofNullable(reached)));
    }

    @Test
    void questionsAndRegistrationDataReachSubstantial() {
        assertThat(Scoring.reached(matching(SECURITY_QUESTIONS, REGISTRATION))).contains(Assurance.SUBSTANTIAL);
    }

    @Test
    void idNumberAndBankCardWithQuestionsReachOnlySubstantial() {
        assertThat(Scoring.reached(matching(ID_NUMBER, BANK_CARD, SECURITY_QUESTIONS))).contains(Assurance.SUBSTANTIAL);
    }

    @Test
    void idNumberAndBankCardWithRegistrationDataReachOnlySubstantial() {
        assertThat(Scoring.reached(matching(ID_NUMBER, BANK_CARD, REGISTRATION))).contains(Assurance.SUBSTANTIAL);
    }

    @Test
    void noAutomatedMatchReachesHighHoweverManyFactsMatch() {
        assertThat(Scoring.reached(matching(Fact.values()))).contains(Assurance.SUBSTANTIAL);
        assertThat(Scoring.decide(matching(Fact.values()), Assurance.HIGH, true))
                .isEqualTo(new Verdict(Outcome.REVIEW, Optional.empty()));
    }

    @Test
    void idNumberAndBankCardAloneReachNoLevel() {
        assertThat(Scoring.reached(matching(ID_NUMBER, BANK_CARD))).isEmpty();
    }

    @Test
    void securityQuestionsAloneReachNoLevel() {
        assertThat(Scoring.reached(matching(SECURITY_QUESTIONS))).isEmpty();
    }

    @Test
    void registrationDataAloneReachesNoLevel() {
        assertThat(Scoring.reached(matching(REGISTRATION))).isEmpty();
    }

    @Test
    void aMismatchedFactCountsForNoLevel() {
        Signals signals = signals(Map.of(SECURITY_QUESTIONS, MatchSignal.MATCH, REGISTRATION, MatchSignal.MISMATCH));

        assertThat(Scoring.reached(signals)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Fact.class)
    void oneMismatchAmongOtherwiseMatchingFactsGoesToReview(Fact mismatched) {
        Map<Fact, MatchSignal> byFact = new EnumMap<>(Fact.class);
        for (Fact fact : Fact.values()) {
            byFact.put(fact, fact == mismatched ? MatchSignal.MISMATCH : MatchSignal.MATCH);
        }

        assertThat(Scoring.decide(signals(byFact), Assurance.SUBSTANTIAL, true))
                .isEqualTo(new Verdict(Outcome.REVIEW, Optional.empty()));
    }

    @Test
    void aMismatchGoesToReviewEvenWhenTheMatchingFactsAloneWouldReachHigh() {
        Signals signals = signals(Map.of(ID_NUMBER, MatchSignal.MATCH, BANK_CARD, MatchSignal.MATCH,
                SECURITY_QUESTIONS, MatchSignal.MATCH, REGISTRATION, MatchSignal.MISMATCH));

        assertThat(Scoring.decide(signals, Assurance.SUBSTANTIAL, true).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void everyFactMismatchingIsNotConfirmed() {
        Map<Fact, MatchSignal> byFact = new EnumMap<>(Fact.class);
        for (Fact fact : Fact.values()) {
            byFact.put(fact, MatchSignal.MISMATCH);
        }

        assertThat(Scoring.decide(signals(byFact), Assurance.SUBSTANTIAL, true))
                .isEqualTo(new Verdict(Outcome.NOT_CONFIRMED, Optional.empty()));
    }

    @Test
    void theFactsGivenAllMismatchingIsNotConfirmed() {
        Signals signals = signals(Map.of(SECURITY_QUESTIONS, MatchSignal.MISMATCH, REGISTRATION, MatchSignal.MISMATCH));

        assertThat(Scoring.decide(signals, Assurance.SUBSTANTIAL, true).outcome()).isEqualTo(Outcome.NOT_CONFIRMED);
    }

    @Test
    void nothingProvidedIsNotConfirmed() {
        assertThat(Scoring.decide(signals(Map.of()), Assurance.SUBSTANTIAL, true))
                .isEqualTo(new Verdict(Outcome.NOT_CONFIRMED, Optional.empty()));
    }

    @Test
    void substantialReachedWhenHighIsRequiredGoesToReview() {
        Verdict verdict = Scoring.decide(matching(SECURITY_QUESTIONS, REGISTRATION), Assurance.HIGH, true);

        assertThat(verdict).isEqualTo(new Verdict(Outcome.REVIEW, Optional.empty()));
    }

    @Test
    void anAccountAutomationNoLongerTrustsGoesToReviewEvenWithEveryFactMatching() {
        Verdict verdict = Scoring.decide(matching(Fact.values()), Assurance.SUBSTANTIAL, false);

        assertThat(verdict).isEqualTo(new Verdict(Outcome.REVIEW, Optional.empty()));
    }

    @Test
    void anAccountAutomationNoLongerTrustsIsStillNotConfirmedWhenNothingMatches() {
        Signals signals = signals(Map.of(SECURITY_QUESTIONS, MatchSignal.MISMATCH));

        assertThat(Scoring.decide(signals, Assurance.SUBSTANTIAL, false).outcome()).isEqualTo(Outcome.NOT_CONFIRMED);
    }

    @Test
    void factsNotGivenAreSignalledAsNotProvided() {
        Signals signals = signals(Map.of(ID_NUMBER, MatchSignal.MISMATCH));

        assertThat(signals.byFact()).containsOnly(Map.entry(SECURITY_QUESTIONS, MatchSignal.NOT_PROVIDED),
                Map.entry(ID_NUMBER, MatchSignal.MISMATCH), Map.entry(BANK_CARD, MatchSignal.NOT_PROVIDED),
                Map.entry(REGISTRATION, MatchSignal.NOT_PROVIDED));
    }

    @Test
    void signalsCannotBeChangedAfterScoring() {
        Map<Fact, MatchSignal> given = new EnumMap<>(Map.of(SECURITY_QUESTIONS, MatchSignal.MISMATCH));
        Signals signals = signals(given);

        given.put(SECURITY_QUESTIONS, MatchSignal.MATCH);

        assertThat(signals.of(SECURITY_QUESTIONS)).isEqualTo(MatchSignal.MISMATCH);
        assertThatThrownBy(() -> signals.byFact().put(ID_NUMBER, MatchSignal.MATCH))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Fact[] facts(String names) {
        return Arrays.stream(names.trim().split("\\s+")).map(Fact::valueOf).toArray(Fact[]::new);
    }

    private static Signals matching(Fact... facts) {
        Map<Fact, MatchSignal> byFact = new EnumMap<>(Fact.class);
        for (Fact fact : facts) {
            byFact.put(fact, MatchSignal.MATCH);
        }
        return signals(byFact);
    }

    private static Signals signals(Map<Fact, MatchSignal> byFact) {
        return new Signals(byFact);
    }
}
