package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.kyc.check.IdentityCheck.State;
import dev.lifeline.kyc.check.IdentityCheck.Submission;
import dev.lifeline.kyc.check.Scoring.Signals;
import dev.lifeline.kyc.profile.Fact;
import dev.lifeline.kyc.profile.MatchSignal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.kyc.profile.Fact.ID_NUMBER;
import static dev.lifeline.kyc.profile.Fact.REGISTRATION;
import static dev.lifeline.kyc.profile.Fact.SECURITY_QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate's rules, without Quarkus: attempts, outcomes and their events, review signals, closing, tokens. */
class IdentityCheckRulesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));
    private static final String TOKEN_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final UUID recoveryId = UUID.randomUUID();
    private final UUID accountId = UUID.randomUUID();

    @Test
    void aNewCheckIsOpenWithEveryAttemptLeft() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        assertThat(check.state()).isEqualTo(State.OPEN);
        assertThat(check.attemptsLeft()).isEqualTo(IdentityCheck.ATTEMPTS).isEqualTo(3);
        assertThat(check.recoveryId()).isEqualTo(recoveryId);
        assertThat(check.accountId()).isEqualTo(accountId);
        assertThat(check.decoy()).isFalse();
        assertThat(check.locale()).isEqualTo("zh-CN");
        assertThat(check.reviewSignals()).isNull();
    }

    @Test
    void aDecoysCheckBelongsToNoAccount() {
        IdentityCheck check = decoy();

        assertThat(check.decoy()).isTrue();
        assertThat(check.accountId()).isNull();
        assertThat(check.state()).isEqualTo(State.OPEN);
        assertThat(check.attemptsLeft()).isEqualTo(3);
    }

    @Test
    void everyClearMismatchCostsOneAttemptAndTheLastRejects() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        Submission first = check.submit(mismatching(), true, NOW);
        Submission second = check.submit(mismatching(), true, NOW);
        Submission third = check.submit(mismatching(), true, NOW);

        assertThat(List.of(first.status(), second.status(), third.status()))
                .containsExactly("NOT_CONFIRMED", "NOT_CONFIRMED", "REJECTED");
        assertThat(List.of(first.attemptsLeft(), second.attemptsLeft(), third.attemptsLeft())).containsExactly(2, 1, 0);
        assertThat(List.of(first.wrong(), second.wrong(), third.wrong())).containsOnly(true);
        assertThat(check.state()).isEqualTo(State.REJECTED);
        assertThat(check.attemptsLeft()).isZero();
    }

    @Test
    void exhaustingTheAttemptsPublishesExactlyOneIdentityRejected() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        Instant last = NOW.plusSeconds(30);

        List<LifelineEvent> events = new ArrayList<>();
        events.addAll(check.submit(mismatching(), true, NOW).events());
        events.addAll(check.submit(mismatching(), true, NOW.plusSeconds(10)).events());
        events.addAll(check.submit(mismatching(), true, last).events());

        assertThat(events).singleElement().isInstanceOfSatisfying(IdentityRejected.class, rejected -> {
            assertThat(rejected.recoveryId()).isEqualTo(recoveryId);
            assertThat(rejected.accountId()).isEqualTo(accountId);
            assertThat(rejected.method()).isEqualTo(IdentityCheckMethod.AUTOMATED);
            assertThat(rejected.occurredAt()).isEqualTo(last);
            assertThat(rejected.eventId()).isNotNull();
        });
    }

    @Test
    void aDecoysExhaustedAttemptsRejectItAndAnnounceItWithoutAnAccount() {
        IdentityCheck check = decoy();

        List<LifelineEvent> events = new ArrayList<>();
        Submission last = null;
        for (int i = 0; i < IdentityCheck.ATTEMPTS; i++) {
            last = check.submit(mismatching(), true, NOW);
            events.addAll(last.events());
        }

        assertThat(last.status()).isEqualTo("REJECTED");
        assertThat(check.state()).isEqualTo(State.REJECTED);
        assertThat(events).singleElement().isInstanceOf(dev.lifeline.events.DecoyIdentityRejected.class);
        // A real rejected check is closed by the RecoveryRejected that follows; nothing follows a decoy's.
        assertThat(check.visible(NOW)).isFalse();
    }

    @Test
    void aConfirmedCheckPublishesIdentityConfirmedAutomatedForTheAccount() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        Instant at = NOW.plusSeconds(5);

        Submission submission = check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, at);

        assertThat(submission.status()).isEqualTo("CONFIRMED");
        assertThat(submission.wrong()).isFalse();
        assertThat(submission.attemptsLeft()).isEqualTo(3);
        assertThat(check.state()).isEqualTo(State.CONFIRMED);
        assertThat(submission.events()).singleElement().isInstanceOfSatisfying(IdentityConfirmed.class, confirmed -> {
            assertThat(confirmed.recoveryId()).isEqualTo(recoveryId);
            assertThat(confirmed.accountId()).isEqualTo(accountId);
            assertThat(confirmed.method()).isEqualTo(IdentityCheckMethod.AUTOMATED);
            assertThat(confirmed.assurance()).isEqualTo(Assurance.SUBSTANTIAL);
            assertThat(confirmed.reviewers()).isEmpty();
            assertThat(confirmed.occurredAt()).isEqualTo(at);
        });
    }

    @Test
    void anAutomatedConfirmationOfEveryFactCarriesSubstantialNeverHigh() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        Submission submission = check.submit(matching(Fact.values()), true, NOW);

        assertThat(submission.events()).singleElement().isInstanceOfSatisfying(IdentityConfirmed.class,
                confirmed -> assertThat(confirmed.assurance()).isEqualTo(Assurance.SUBSTANTIAL));
    }

    @Test
    void aCheckSentToReviewKeepsTheSignalsForTheReviewerAndPublishesNothing() {
        IdentityCheck check = real(Assurance.HIGH);

        Submission submission = check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW);

        assertThat(submission.status()).isEqualTo("IN_REVIEW");
        assertThat(submission.events()).isEmpty();
        assertThat(submission.wrong()).isFalse();
        assertThat(submission.attemptsLeft()).isEqualTo(3);
        assertThat(check.state()).isEqualTo(State.IN_REVIEW);
        assertThat(check.reviewSignals()).isEqualTo(
                "SECURITY_QUESTIONS:MATCH,ID_NUMBER:NOT_PROVIDED,BANK_CARD:NOT_PROVIDED,REGISTRATION:MATCH");
    }

    @Test
    void theReviewSignalsShowAMismatchAsSuch() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        Map<Fact, MatchSignal> byFact = new EnumMap<>(Fact.class);
        byFact.put(SECURITY_QUESTIONS, MatchSignal.MATCH);
        byFact.put(ID_NUMBER, MatchSignal.MISMATCH);

        check.submit(new Signals(byFact), true, NOW);

        assertThat(check.reviewSignals()).isEqualTo(
                "SECURITY_QUESTIONS:MATCH,ID_NUMBER:MISMATCH,BANK_CARD:NOT_PROVIDED,REGISTRATION:NOT_PROVIDED");
    }

    @Test
    void aFullMatchOnAnAccountAutomationNoLongerTrustsGoesToReview() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        Submission submission = check.submit(matching(Fact.values()), false, NOW);

        assertThat(submission.status()).isEqualTo("IN_REVIEW");
        assertThat(submission.events()).isEmpty();
    }

    @Test
    void aWrongSubmissionKeepsNoReviewSignals() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        check.submit(mismatching(), true, NOW);

        assertThat(check.reviewSignals()).isNull();
        assertThat(check.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aConfirmedCheckTakesNoMoreEvidence() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW);

        assertThatThrownBy(() -> check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CONFIRMED");
    }

    @Test
    void aCheckInReviewTakesNoMoreEvidence() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        check.submit(matching(SECURITY_QUESTIONS), true, NOW);

        assertThatThrownBy(() -> check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("IN_REVIEW");
    }

    @Test
    void aRejectedCheckTakesNoMoreEvidenceAndPublishesNoSecondRejection() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        for (int i = 0; i < IdentityCheck.ATTEMPTS; i++) {
            check.submit(mismatching(), true, NOW);
        }

        assertThatThrownBy(() -> check.submit(mismatching(), true, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REJECTED");
        assertThat(check.attemptsLeft()).isZero();
    }

    @Test
    void aClosedCheckTakesNoMoreEvidence() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        check.close(NOW);

        assertThatThrownBy(() -> check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    }

    @Test
    void closingTwiceClosesOnce() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        assertThat(check.close(NOW)).isTrue();
        assertThat(check.close(NOW.plusSeconds(1))).isFalse();
        assertThat(check.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aDecidedCheckCanStillBeClosed() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        check.submit(matching(SECURITY_QUESTIONS, REGISTRATION), true, NOW);

        assertThat(check.close(NOW)).isTrue();
        assertThat(check.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void anOpenCheckIsVisibleUntilItExpires() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        assertThat(check.visible(NOW)).isTrue();
        assertThat(check.visible(EXPIRES.minusMillis(1))).isTrue();
        assertThat(check.visible(EXPIRES)).isFalse();
        assertThat(check.visible(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void aDecidedCheckStaysVisibleToItsTokenHolder() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        check.submit(matching(SECURITY_QUESTIONS), true, NOW);

        assertThat(check.visible(NOW)).isTrue();
    }

    @Test
    void aClosedCheckIsNotVisibleEvenBeforeItExpires() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);

        check.close(NOW);

        assertThat(check.visible(NOW)).isFalse();
    }

    @Test
    void aDecoysCheckIsNotVisiblePastItsEnd() {
        IdentityCheck check = decoy();

        assertThat(check.visible(NOW)).isTrue();
        assertThat(check.visible(EXPIRES)).isFalse();
    }

    @Test
    void theCheckIsHeldByItsTokensHash() {
        assertThat(real(Assurance.SUBSTANTIAL).heldBy(TOKEN_HASH)).isTrue();
    }

    @Test
    void anotherTokensHashDoesNotHoldTheCheck() {
        IdentityCheck check = real(Assurance.SUBSTANTIAL);
        String oneCharacterOff = TOKEN_HASH.substring(0, TOKEN_HASH.length() - 1) + "9";

        assertThat(check.heldBy(oneCharacterOff)).isFalse();
        assertThat(check.heldBy(TOKEN_HASH.substring(0, 32))).isFalse();
        assertThat(check.heldBy(TOKEN_HASH.toUpperCase())).isFalse();
        assertThat(check.heldBy("")).isFalse();
    }

    @Test
    void noTokenHashDoesNotHoldTheCheck() {
        assertThat(real(Assurance.SUBSTANTIAL).heldBy(null)).isFalse();
    }

    private IdentityCheck real(Assurance required) {
        return IdentityCheck.of(new RecoveryRequested(UUID.randomUUID(), recoveryId, accountId, NOW, EXPIRES,
                new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), required, Duration.ofHours(24)),
                new Contacts(null, false, PhoneStatus.SUSPENDED, "zh-CN"), TOKEN_HASH), NOW);
    }

    private IdentityCheck decoy() {
        return IdentityCheck.of(new RecoveryDecoyStarted(UUID.randomUUID(), recoveryId, NOW, EXPIRES, TOKEN_HASH), NOW);
    }

    private static Signals matching(Fact... facts) {
        Map<Fact, MatchSignal> byFact = new EnumMap<>(Fact.class);
        for (Fact fact : facts) {
            byFact.put(fact, MatchSignal.MATCH);
        }
        return new Signals(byFact);
    }

    /** What a claimant who knows nothing gives: questions and registration data, both wrong. */
    private static Signals mismatching() {
        return new Signals(Map.of(SECURITY_QUESTIONS, MatchSignal.MISMATCH, REGISTRATION, MatchSignal.MISMATCH));
    }
}
