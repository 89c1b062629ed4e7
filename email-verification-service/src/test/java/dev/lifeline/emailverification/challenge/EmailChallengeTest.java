package dev.lifeline.emailverification.challenge;

import dev.lifeline.emailverification.challenge.EmailChallenge.Result;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The challenge's rules, without Quarkus: hashes stand in for what ChallengeSecrets computes. */
class EmailChallengeTest {

    private static final ChallengeRules RULES = new ChallengeRules(Duration.ofMinutes(15), 5, Duration.ofSeconds(60), 3);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN_HASH = "a".repeat(64);
    private static final String CODE = "c".repeat(64);
    private static final String LINK = "l".repeat(64);
    private static final String WRONG = "w".repeat(64);

    @Test
    void aRecoveryNeedingEmailWithAnAddressDeliversAndQueuesItsMail() {
        EmailChallenge challenge = EmailChallenge.of(requested("owner@example.org", List.of(Evidence.EMAIL)), T0);

        assertThat(challenge.delivers()).isTrue();
        assertThat(challenge.mailDueAt()).isEqualTo(T0);
    }

    @Test
    void aRecoveryWithoutAddressOrWithoutEmailInItsPolicyAndADecoyAreSilent() {
        assertThat(EmailChallenge.of(requested(null, List.of(Evidence.IDENTITY)), T0).delivers()).isFalse();
        assertThat(EmailChallenge.of(requested("owner@example.org", List.of(Evidence.IDENTITY)), T0).delivers()).isFalse();
        EmailChallenge decoy = EmailChallenge.of(new RecoveryDecoyStarted(UUID.randomUUID(), UUID.randomUUID(), T0,
                T0.plus(Duration.ofHours(24)), TOKEN_HASH), T0);
        assertThat(decoy.delivers()).isFalse();
        assertThat(decoy.mailDueAt()).isNull();
    }

    @Test
    void theRequestIsWhenAndFromWhereItsEventSaysNotWhenTheChallengeOpened() {
        EmailChallenge challenge = EmailChallenge.of(
                requested("owner@example.org", List.of(Evidence.EMAIL)).from("203.0.113.0/24"), T0.plusSeconds(2));

        assertThat(challenge.request()).isEqualTo(new EmailChallenge.Request(T0, true, Optional.of("203.0.113.0/24")));
    }

    @Test
    void anOlderEventsRequestHasItsTimeButNoNetwork() {
        EmailChallenge challenge = EmailChallenge.of(requested("owner@example.org", List.of(Evidence.EMAIL)),
                T0.plusSeconds(2));

        assertThat(challenge.request()).isEqualTo(new EmailChallenge.Request(T0, true, Optional.empty()));
    }

    @Test
    void aChallengeNotToldWhenItsRecoveryWasRequestedFallsBackToWhenItOpenedAsAnUnrecordedTime() {
        EmailChallenge decoy = EmailChallenge.of(new RecoveryDecoyStarted(UUID.randomUUID(), UUID.randomUUID(), T0,
                T0.plus(Duration.ofHours(24)), TOKEN_HASH), T0.plusSeconds(2));

        assertThat(decoy.request()).isEqualTo(new EmailChallenge.Request(T0.plusSeconds(2), false, Optional.empty()));
    }

    @Test
    void nothingMatchesBeforeTheCodeIsIssuedAndAMissIsCounted() {
        EmailChallenge challenge = delivering();

        assertThat(challenge.confirmCode(CODE, T0, RULES).result()).isEqualTo(Result.REFUSED);
        assertThat(challenge.wrongAttempts()).isEqualTo(1);
    }

    @Test
    void theRightCodeVerifiesOnceAndPublishesEmailVerified() {
        EmailChallenge challenge = issued();

        EmailChallenge.Outcome first = challenge.confirmCode(CODE, T0.plusSeconds(5), RULES);
        EmailChallenge.Outcome second = challenge.confirmCode(CODE, T0.plusSeconds(6), RULES);

        assertThat(first.result()).isEqualTo(Result.VERIFIED);
        assertThat(first.events()).singleElement().isInstanceOf(EmailVerified.class);
        assertThat(second.result()).isEqualTo(Result.REFUSED);
        assertThat(second.events()).isEmpty();
    }

    @Test
    void theFifthWrongCodeClosesTheChallengeAtOnceAndTheRightCodeNoLongerWorks() {
        EmailChallenge challenge = issued();
        IntStream.range(0, 4).forEach(i ->
                assertThat(challenge.confirmCode(WRONG, T0, RULES).result()).isEqualTo(Result.REFUSED));

        EmailChallenge.Outcome fifth = challenge.confirmCode(WRONG, T0, RULES);
        EmailChallenge.Outcome sixth = challenge.confirmCode(CODE, T0, RULES);

        assertThat(fifth.result()).isEqualTo(Result.EXHAUSTED);
        assertThat(fifth.events()).singleElement().isInstanceOfSatisfying(EmailVerificationFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(EmailVerificationFailure.TOO_MANY_ATTEMPTS));
        assertThat(challenge.state()).isEqualTo(EmailChallenge.State.CLOSED); // as a decoy's, not waiting for identity
        assertThat(sixth.result()).isEqualTo(Result.REFUSED);
        assertThat(sixth.events()).isEmpty();
    }

    @Test
    void anExhaustedDecoyAnnouncesItselfWithoutAnAccount() {
        EmailChallenge decoy = EmailChallenge.of(new RecoveryDecoyStarted(UUID.randomUUID(), UUID.randomUUID(), T0,
                T0.plus(Duration.ofHours(24)), TOKEN_HASH), T0);
        decoy.issue(CODE, LINK, T0, RULES);
        IntStream.range(0, 4).forEach(i -> decoy.confirmCode(WRONG, T0, RULES));

        assertThat(decoy.confirmCode(WRONG, T0, RULES).events()).singleElement()
                .isInstanceOf(DecoyEmailVerificationFailed.class);
        // Nothing will come back from identity-service to close it, as RecoveryRejected closes a real one.
        assertThat(decoy.state()).isEqualTo(EmailChallenge.State.CLOSED);
    }

    @Test
    void aLapsedCodeAnswersExpiredWithoutCountingAndIsReportedOnce() {
        EmailChallenge challenge = issued();
        Instant lapsed = T0.plus(RULES.codeTtl());

        assertThat(challenge.confirmCode(CODE, lapsed, RULES).result()).isEqualTo(Result.EXPIRED);
        assertThat(challenge.wrongAttempts()).isZero();
        assertThat(challenge.expire(lapsed)).singleElement().isInstanceOfSatisfying(EmailVerificationFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(EmailVerificationFailure.EXPIRED));
        assertThat(challenge.expire(lapsed.plusSeconds(1))).isEmpty();
        assertThat(challenge.state()).isEqualTo(EmailChallenge.State.OPEN);
    }

    @Test
    void aResendAfterTheCoolDownReplacesTheCodeAndTheLink() {
        EmailChallenge challenge = issued();

        assertThat(challenge.resend(T0.plusSeconds(59), RULES).result()).isEqualTo(Result.TOO_SOON);
        assertThat(challenge.resend(T0.plusSeconds(60), RULES).result()).isEqualTo(Result.RESENT);

        assertThat(challenge.confirmCode(CODE, T0.plusSeconds(61), RULES).result()).isEqualTo(Result.REFUSED);
        assertThat(challenge.mailDueAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void resendsAreCappedAndNeverResetTheWrongAttempts() {
        EmailChallenge challenge = issued();
        IntStream.range(0, 4).forEach(i -> challenge.confirmCode(WRONG, T0, RULES));
        Instant at = T0;
        for (int i = 0; i < RULES.maxResends(); i++) {
            at = at.plus(RULES.resendCooldown());
            assertThat(challenge.resend(at, RULES).result()).isEqualTo(Result.RESENT);
            challenge.issue(CODE, LINK, at, RULES);
        }

        assertThat(challenge.resend(at.plus(RULES.resendCooldown()), RULES).result()).isEqualTo(Result.EXHAUSTED);
        assertThat(challenge.confirmCode(WRONG, at, RULES).result()).isEqualTo(Result.EXHAUSTED);
    }

    @Test
    void closingMakesCodeLinkAndResendAnswerLikeUsedOnes() {
        EmailChallenge challenge = issued();

        assertThat(challenge.close(T0)).isTrue();

        assertThat(challenge.confirmCode(CODE, T0, RULES).result()).isEqualTo(Result.REFUSED);
        assertThat(challenge.confirmLink(T0).result()).isEqualTo(Result.REFUSED);
        assertThat(challenge.resend(T0.plus(RULES.resendCooldown()), RULES).result()).isEqualTo(Result.REFUSED);
        assertThat(challenge.mailDueAt()).isNull();
        assertThat(challenge.close(T0)).isFalse();
    }

    @Test
    void aFailedMailWithdrawsItsUnsentCodeAndIsDueAgainAfterTheBackoff() {
        EmailChallenge challenge = delivering();
        int mail = challenge.claimMail(T0, Duration.ofMinutes(2)).orElseThrow();
        challenge.issue(CODE, LINK, T0, RULES);

        challenge.mailFailed(mail, T0, "connection refused", Duration.ofSeconds(4));

        assertThat(challenge.mailDueAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(challenge.codeExpiresAt()).isNull();
        assertThat(challenge.confirmCode(CODE, T0, RULES).result()).isEqualTo(Result.REFUSED);
    }

    @Test
    void aMailSentAfterAResendWasQueuedLeavesTheNewerMailDue() {
        EmailChallenge challenge = delivering();
        int first = challenge.claimMail(T0, Duration.ofMinutes(2)).orElseThrow();
        challenge.issue(CODE, LINK, T0, RULES);
        Instant later = T0.plus(RULES.resendCooldown());
        challenge.resend(later, RULES);

        challenge.mailSent(first, later);

        assertThat(challenge.mailDueAt()).isEqualTo(later);
    }

    @Test
    void aClosedChallengesMailIsDroppedWhenASenderTakesIt() {
        EmailChallenge challenge = delivering();
        challenge.close(T0);

        assertThat(challenge.claimMail(T0, Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void aDeferredMailStaysQueuedUntilTheSlotFreesAndIsThenTakenAsAnyOther() {
        EmailChallenge challenge = delivering();
        Instant slotFrees = T0.plus(Duration.ofMinutes(11));

        challenge.deferMail(T0, slotFrees);

        assertThat(challenge.mailDueAt()).isEqualTo(slotFrees);
        assertThat(challenge.claimMail(slotFrees, Duration.ofMinutes(2))).contains(0);
    }

    @Test
    void aClosedChallengesMailIsDroppedRatherThanDeferred() {
        EmailChallenge challenge = delivering();
        challenge.close(T0);

        challenge.deferMail(T0, T0.plus(Duration.ofMinutes(11)));

        assertThat(challenge.mailDueAt()).isNull();
    }

    @Test
    void rulesRefuseACodeLifetimeOver15MinutesOrMoreThan5WrongAttempts() {
        assertThatThrownBy(() -> new ChallengeRules(Duration.ofMinutes(16), 5, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code-ttl");
        assertThatThrownBy(() -> new ChallengeRules(Duration.ofMinutes(15), 6, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-wrong-attempts");
    }

    @Test
    void theTokenHolderIsRecognisedByTheTokensHashOnly() {
        EmailChallenge challenge = delivering();

        assertThat(challenge.heldBy(TOKEN_HASH)).isTrue();
        assertThat(challenge.heldBy("b".repeat(64))).isFalse();
        assertThat(challenge.heldBy(null)).isFalse();
    }

    @Test
    void onceItsRecoveryExpiredAChallengeAnswersAsClosedADecoysAsARealOnes() {
        Instant expired = T0.plus(Duration.ofHours(24));
        EmailChallenge real = issued();
        EmailChallenge decoy = EmailChallenge.of(new RecoveryDecoyStarted(UUID.randomUUID(), UUID.randomUUID(), T0,
                expired, TOKEN_HASH), T0);
        decoy.issue(CODE, LINK, T0, RULES);

        for (EmailChallenge challenge : List.of(real, decoy)) {
            // Just before: the code has lapsed (410 for it, a wrong code is wrong), a resend is allowed.
            assertThat(challenge.confirmCode(CODE, expired.minusSeconds(1), RULES).result()).isEqualTo(Result.EXPIRED);
            // From the recovery's end: like a closed challenge, with no event needed (none comes for a decoy).
            assertThat(challenge.confirmCode(CODE, expired, RULES).result()).isEqualTo(Result.REFUSED);
            assertThat(challenge.confirmLink(expired).result()).isEqualTo(Result.REFUSED);
            assertThat(challenge.resend(expired, RULES).result()).isEqualTo(Result.REFUSED);
            assertThat(challenge.expire(expired)).isEmpty();
        }
    }

    @Test
    void afterTheCodeLapsesOnlyThatCodeAnswersExpiredAndAWrongOneCountsAsWrongForARealChallengeAndADecoyAlike() {
        Instant lapsed = T0.plus(RULES.codeTtl()).plusSeconds(1);
        EmailChallenge real = issued();
        EmailChallenge decoy = EmailChallenge.of(new RecoveryDecoyStarted(UUID.randomUUID(), UUID.randomUUID(), T0,
                T0.plus(Duration.ofHours(24)), TOKEN_HASH), T0);
        decoy.issue(CODE, LINK, T0, RULES);
        // A delivering challenge whose mail has not left yet (deferred or SMTP down): no code issued at all.
        EmailChallenge unsent = delivering();

        for (EmailChallenge challenge : List.of(real, decoy, unsent)) {
            assertThat(challenge.confirmCode(WRONG, lapsed, RULES).result()).isEqualTo(Result.REFUSED);
        }
        assertThat(real.confirmCode(CODE, lapsed, RULES).result()).isEqualTo(Result.EXPIRED);
        assertThat(decoy.confirmCode(CODE, lapsed, RULES).result()).isEqualTo(Result.EXPIRED);
    }

    private static EmailChallenge delivering() {
        return EmailChallenge.of(requested("owner@example.org", List.of(Evidence.EMAIL, Evidence.IDENTITY)), T0);
    }

    private static EmailChallenge issued() {
        EmailChallenge challenge = delivering();
        challenge.issue(CODE, LINK, T0, RULES);
        return challenge;
    }

    private static RecoveryRequested requested(String email, List<Evidence> required) {
        return new RecoveryRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), T0,
                T0.plus(Duration.ofHours(24)), new RecoveryPolicy(required, Assurance.SUBSTANTIAL, Duration.ofHours(24)),
                new Contacts(email, email != null, PhoneStatus.SUSPENDED, "en"), TOKEN_HASH);
    }
}
