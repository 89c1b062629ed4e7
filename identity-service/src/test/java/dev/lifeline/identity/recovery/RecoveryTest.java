package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventReference;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityConfirmed;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryApproved;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static dev.lifeline.events.Evidence.EMAIL;
import static dev.lifeline.events.Evidence.IDENTITY;
import static dev.lifeline.identity.recovery.RecoveryBuilder.aRecovery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryTest {

    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration COOLING_OFF = Duration.ofHours(24);
    private static final String TOKEN_HASH = sha256Hex("recovery-token");
    private static final UUID ACCOUNT_ID = UUID.fromString("5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13");
    private static final Contacts CONTACTS = new Contacts("li.wei@example.com", true, PhoneStatus.SUSPENDED, "zh-CN");

    private static final RecoveryPolicy EMAIL_AND_IDENTITY =
            new RecoveryPolicy(List.of(EMAIL, IDENTITY), Assurance.SUBSTANTIAL, COOLING_OFF);
    private static final RecoveryPolicy IDENTITY_AT_HIGH =
            new RecoveryPolicy(List.of(IDENTITY), Assurance.HIGH, Duration.ZERO);
    private static final RecoveryPolicy EMAIL_AND_IDENTITY_OR_CODE = new RecoveryPolicy(List.of(EMAIL, IDENTITY),
            Assurance.SUBSTANTIAL, COOLING_OFF, List.of(List.of(EMAIL, Evidence.RECOVERY_CODE)));

    /** The email and one saved recovery code approve where the policy allows it. */
    @Nested
    class SavedRecoveryCodes {

        @Test
        void theEmailAndARecoveryCodeApproveWithoutIdentityProofingOrCoolingOff() {
            Recovery recovery = start(EMAIL_AND_IDENTITY_OR_CODE).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));

            List<LifelineEvent> events = recovery.recoveryCodeUsed(9, T0.plusSeconds(120));

            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOfSatisfying(RecoveryCodeUsed.class, used -> {
                assertThat(used.recoveryId()).isEqualTo(recovery.id());
                assertThat(used.codesLeft()).isEqualTo(9);
            });
            assertThat(events.get(1)).isInstanceOfSatisfying(RecoveryApproved.class, approved -> {
                assertThat(approved.satisfiedEvidence()).containsExactly(EMAIL, Evidence.RECOVERY_CODE);
                assertThat(approved.assurance()).isNull();
                assertThat(approved.resetAllowedAt()).isEqualTo(T0.plusSeconds(120));
            });
            assertThat(recovery.status(T0.plusSeconds(120))).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void aRecoveryCodeAloneNeverApproves() {
            Recovery recovery = start(EMAIL_AND_IDENTITY_OR_CODE).recovery();

            List<LifelineEvent> events = recovery.recoveryCodeUsed(9, T0.plusSeconds(60));

            assertThat(events).singleElement().isInstanceOf(RecoveryCodeUsed.class);
            assertThat(recovery.status(T0.plusSeconds(60))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
            assertThat(recovery.satisfiedEvidence()).containsExactly(Evidence.RECOVERY_CODE);
            assertThat(recovery.acceptsRecoveryCode()).isFalse(); // one counts; a second adds nothing
        }

        @Test
        void aRecoveryCodeWithSubstantialIdentityButNoEmailDoesNotApprove() {
            Recovery recovery = start(EMAIL_AND_IDENTITY_OR_CODE).recovery();
            recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0.plusSeconds(30));

            recovery.recoveryCodeUsed(9, T0.plusSeconds(60));

            assertThat(recovery.status(T0.plusSeconds(60))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
        }

        @Test
        void aPolicyWithoutTheAlternativeTakesNoRecoveryCode() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();

            assertThat(recovery.acceptsRecoveryCode()).isFalse();
            assertThatThrownBy(() -> recovery.recoveryCodeUsed(9, T0.plusSeconds(60)))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void anApprovedRecoveryRefusesARecoveryCodeAsAlreadyApproved() {
            Recovery recovery = start(EMAIL_AND_IDENTITY_OR_CODE).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
            recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.recoveryCodeUsed(9, T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class, e ->
                            assertThat(e.reason()).isEqualTo(RecoveryStateException.Reason.ALREADY_APPROVED));
        }

        @Test
        void thePolicyAndItsAlternativesAreKeptAsTheyWereAtTheStart() {
            Recovery.Started started = start(EMAIL_AND_IDENTITY_OR_CODE);

            assertThat(started.event().policy()).isEqualTo(EMAIL_AND_IDENTITY_OR_CODE);
            assertThat(started.recovery().policy()).isEqualTo(EMAIL_AND_IDENTITY_OR_CODE);
        }
    }

    /** Starting a recovery. */
    @Nested
    class Starting {

        @Test
        void startAnnouncesTheRecoveryWithItsPolicyContactsAndTokenHash() {
            Recovery.Started started = start(EMAIL_AND_IDENTITY);

            RecoveryRequested requested = started.event();
            assertThat(requested.recoveryId()).isEqualTo(started.recovery().id());
            assertThat(requested.accountId()).isEqualTo(ACCOUNT_ID);
            assertThat(requested.occurredAt()).isEqualTo(T0);
            assertThat(requested.expiresAt()).isEqualTo(T0.plus(TTL));
            assertThat(requested.policy()).isEqualTo(EMAIL_AND_IDENTITY);
            assertThat(requested.contacts()).isEqualTo(CONTACTS);
            assertThat(requested.recoveryTokenHash()).isEqualTo(TOKEN_HASH);
        }

        @Test
        void aStartedRecoveryAwaitsEvidenceUntilItsTtlHasPassed() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThat(recovery.status(T0)).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
            assertThat(recovery.expiresAt()).isEqualTo(T0.plus(TTL));
            assertThat(recovery.requiredEvidence()).containsExactly(EMAIL, IDENTITY);
            assertThat(recovery.satisfiedEvidence()).isEmpty();
            assertThat(recovery.resetAllowedAt()).isEmpty();
        }

        @Test
        void startRefusesAPolicyThatDoesNotRequireIdentity() {
            RecoveryPolicy emailOnly = new RecoveryPolicy(List.of(EMAIL), Assurance.SUBSTANTIAL, COOLING_OFF);

            assertThatIllegalArgumentException().isThrownBy(() -> start(emailOnly));
        }

        @Test
        void startRefusesATokenHashThatIsNotAHexSha256() {
            assertThatIllegalArgumentException().isThrownBy(() -> atT0().withTokenHash("recovery-token").start());
        }

        @Test
        void timesAreKeptToTheMicrosecondAsPostgresStoresThem() {
            Instant withNanos = T0.plusNanos(123_456_789);

            Recovery.Started started = atT0().startedAt(withNanos).start();

            assertThat(started.recovery().createdAt()).isEqualTo(T0.plusNanos(123_456_000));
            assertThat(started.event().occurredAt()).isEqualTo(started.recovery().createdAt());
        }
    }

    /** Evidence from the participants, and the cooling-off it may need. */
    @Nested
    class EvidenceArriving {

        @Test
        void emailAloneLeavesTheRecoveryAwaitingIdentity() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            List<LifelineEvent> events = recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60)).events();

            assertThat(events).isEmpty();
            assertThat(recovery.satisfiedEvidence()).containsExactly(EMAIL);
            assertThat(recovery.status(T0.plusSeconds(60))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
        }

        @Test
        void emailThenIdentityAtHighApprovesAndIsReadyAtOnce() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
            Instant confirmedAt = T0.plusSeconds(600);

            List<LifelineEvent> events =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), confirmedAt).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryApproved.class, approved -> {
                assertThat(approved.satisfiedEvidence()).containsExactly(EMAIL, IDENTITY);
                assertThat(approved.assurance()).isEqualTo(Assurance.HIGH);
                assertThat(approved.occurredAt()).isEqualTo(confirmedAt);
                assertThat(approved.resetAllowedAt()).isEqualTo(confirmedAt);
            });
            assertThat(recovery.status(confirmedAt)).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void identityBeforeEmailApprovesWhenTheEmailArrives() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            assertThat(recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(60)).events())
                    .isEmpty();

            List<LifelineEvent> events = recovery.reactTo(emailVerified(recovery), T0.plusSeconds(600)).events();

            assertThat(events).singleElement().isInstanceOf(RecoveryApproved.class);
            assertThat(recovery.status(T0.plusSeconds(600))).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void identityAtSubstantialApprovesBehindTheCoolingOff() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
            Instant confirmedAt = T0.plusSeconds(600);

            List<LifelineEvent> events =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), confirmedAt).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryApproved.class, approved -> {
                assertThat(approved.assurance()).isEqualTo(Assurance.SUBSTANTIAL);
                assertThat(approved.resetAllowedAt()).isEqualTo(confirmedAt.plus(COOLING_OFF));
            });
            assertThat(recovery.status(confirmedAt)).isEqualTo(RecoveryStatus.COOLING_OFF);
        }

        @Test
        void coolingOffLastsUntilJustBeforeResetAllowedAt() {
            Recovery recovery = coolingOff();
            Instant resetAllowedAt = recovery.resetAllowedAt().orElseThrow();

            assertThat(recovery.status(resetAllowedAt.minusNanos(1_000))).isEqualTo(RecoveryStatus.COOLING_OFF);
        }

        @Test
        void coolingOffTurnsReadyAtResetAllowedAtWithoutAnotherEvent() {
            Recovery recovery = coolingOff();
            Instant resetAllowedAt = recovery.resetAllowedAt().orElseThrow();

            assertThat(recovery.status(resetAllowedAt)).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void identityBelowTheRequiredAssuranceDoesNotCount() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();

            Recovery.Reaction reaction =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0.plusSeconds(60));

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.ASSURANCE_TOO_LOW);
            assertThat(recovery.satisfiedEvidence()).isEmpty();
            assertThat(recovery.status(T0.plusSeconds(60))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
        }

        @Test
        void identityAtHighAloneApprovesAPolicyWithoutEmail() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();

            List<LifelineEvent> events =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(60)).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryApproved.class,
                    approved -> assertThat(approved.satisfiedEvidence()).containsExactly(IDENTITY));
            assertThat(recovery.status(T0.plusSeconds(60))).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void aHigherIdentityConfirmationBeforeApprovalSparesTheCoolingOff() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0.plusSeconds(60));
            recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(120));

            List<LifelineEvent> events = recovery.reactTo(emailVerified(recovery), T0.plusSeconds(600)).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryApproved.class, approved -> {
                assertThat(approved.assurance()).isEqualTo(Assurance.HIGH);
                assertThat(approved.resetAllowedAt()).isEqualTo(T0.plusSeconds(600));
            });
        }

        @Test
        void duplicateEvidenceAfterApprovalChangesNothing() {
            Recovery recovery = coolingOff();
            Instant resetAllowedAt = recovery.resetAllowedAt().orElseThrow();

            Recovery.Reaction reaction =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(900));

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.ALREADY_APPROVED);
            assertThat(recovery.resetAllowedAt()).contains(resetAllowedAt);
            assertThat(recovery.identityAssurance()).contains(Assurance.SUBSTANTIAL);
        }

        @Test
        void lateEvidenceAfterATerminalStateIsIgnored() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
            recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plusSeconds(120));

            Recovery.Reaction reaction =
                    recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(180));

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.CANCELLED);
            assertThat(recovery.status(T0.plusSeconds(180))).isEqualTo(RecoveryStatus.CANCELLED);
            assertThat(recovery.satisfiedEvidence()).containsExactly(EMAIL);
        }

        @Test
        void evidenceArrivingAfterTheDeadlineIsIgnoredEvenBeforeExpiryIsRecorded() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();
            Instant late = T0.plus(TTL);

            Recovery.Reaction reaction = recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), late);

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.EXPIRED);
            assertThat(recovery.status(late)).isEqualTo(RecoveryStatus.EXPIRED);
        }

        @Test
        void aLateApprovalKeepsTheRecoveryOpenForOneTtlAfterTheCoolingOff() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
            Instant approvedAt = T0.plus(Duration.ofHours(23));

            recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), approvedAt);

            assertThat(recovery.expiresAt()).isEqualTo(approvedAt.plus(COOLING_OFF).plus(TTL));
            assertThat(recovery.status(approvedAt.plus(COOLING_OFF))).isEqualTo(RecoveryStatus.READY);
        }

        @Test
        void anApprovalWithoutCoolingOffLeavesOneTtlToReset() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();
            Instant approvedAt = T0.plus(Duration.ofHours(23));

            recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), approvedAt);

            assertThat(recovery.expiresAt()).isEqualTo(approvedAt.plus(TTL));
        }

        @Test
        void evidenceOfAnotherRecoveryIsRefused() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            EmailVerified other = new EmailVerified(UUID.randomUUID(), UUID.randomUUID(), ACCOUNT_ID, T0,
                    EmailVerificationMethod.CODE);

            assertThatIllegalArgumentException().isThrownBy(() -> recovery.reactTo(other, T0.plusSeconds(60)));
        }
    }

    /** Resetting the password. */
    @Nested
    class ResettingThePassword {

        @Test
        void resetIsRefusedWhileEvidenceIsOutstanding() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.resetPassword(T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> {
                        assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.EVIDENCE_OUTSTANDING);
                        // Which evidence is outstanding is the account's policy: a decoy must be able to say the same.
                        assertThat(refused.getMessage()).isEqualTo(Recovery.EVIDENCE_OUTSTANDING_MESSAGE)
                                .doesNotContain("IDENTITY").doesNotContain("EMAIL");
                    });
        }

        @Test
        void resetIsRefusedDuringTheCoolingOffUntilResetAllowedAt() {
            Recovery recovery = coolingOff();
            Instant resetAllowedAt = recovery.resetAllowedAt().orElseThrow();

            assertThatThrownBy(() -> recovery.resetPassword(resetAllowedAt.minusSeconds(1)))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> {
                        assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.COOLING_OFF);
                        assertThat(refused.retryAt()).contains(resetAllowedAt);
                        assertThat(refused.getMessage()).contains(resetAllowedAt.toString());
                    });
        }

        @Test
        void resetIsRefusedPastTheDeadlineEvenBeforeExpiryIsRecorded() {
            Recovery recovery = ready();

            assertThatThrownBy(() -> recovery.resetPassword(recovery.expiresAt()))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.EXPIRED));
        }

        @Test
        void resetIsRefusedAfterExpiryWasRecorded() {
            Recovery recovery = ready();
            recovery.expire(recovery.expiresAt());

            assertThatThrownBy(() -> recovery.resetPassword(recovery.expiresAt().plusSeconds(1)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.EXPIRED));
        }

        @Test
        void resetWhenReadyCompletesAndTellsTheGatewayToRevokeSessions() {
            Recovery recovery = ready();
            Instant resetAt = T0.plus(Duration.ofHours(2));

            List<LifelineEvent> events = recovery.resetPassword(resetAt);

            assertThat(events).singleElement().isInstanceOfSatisfying(PasswordReset.class, reset -> {
                assertThat(reset.sessionsRevoked()).isTrue();
                assertThat(reset.recoveryId()).isEqualTo(recovery.id());
                assertThat(reset.occurredAt()).isEqualTo(resetAt);
            });
            assertThat(recovery.status(resetAt)).isEqualTo(RecoveryStatus.COMPLETED);
            assertThat(recovery.completedAt()).contains(resetAt);
        }

        @Test
        void resetAfterTheCoolingOffCompletes() {
            Recovery recovery = coolingOff();

            List<LifelineEvent> events = recovery.resetPassword(recovery.resetAllowedAt().orElseThrow());

            assertThat(events).singleElement().isInstanceOf(PasswordReset.class);
        }

        @Test
        void aSecondResetIsRefused() {
            Recovery recovery = completed();

            assertThatThrownBy(() -> recovery.resetPassword(T0.plus(Duration.ofHours(3))))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.ALREADY_COMPLETED));
        }

        @Test
        void resetIsRefusedAfterCancellation() {
            Recovery recovery = ready();
            recovery.cancel(CancelledBy.SUPPORT, "agent.zhou", "suspicious", T0.plus(Duration.ofHours(2)));

            assertThatThrownBy(() -> recovery.resetPassword(T0.plus(Duration.ofHours(3))))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.CANCELLED));
        }

        @Test
        void resetIsRefusedAfterRejection() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(identityRejected(recovery), T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.resetPassword(T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.REJECTED));
        }
    }

    /** Binding a new phone after the reset. */
    @Nested
    class ChangingThePhone {

        @Test
        void phoneChangeWithinThirtyMinutesOfTheResetIsAnnouncedMaskedAndForTheTextToTheNewNumber() {
            Recovery recovery = completed();
            Instant changedAt = recovery.completedAt().orElseThrow().plus(Duration.ofMinutes(29));

            List<LifelineEvent> events = recovery.changePhone("13912345678", changedAt);

            assertThat(events).singleElement().isInstanceOfSatisfying(PhoneNumberChanged.class, changed -> {
                assertThat(changed.maskedPhone()).isEqualTo("*******5678");
                assertThat(changed.phone()).isEqualTo("13912345678");
                assertThat(changed.occurredAt()).isEqualTo(changedAt);
            });
            assertThat(recovery.phoneChangedAt()).contains(changedAt);
        }

        @Test
        void phoneChangeIsRefusedThirtyMinutesAfterTheReset() {
            Recovery recovery = completed();
            Instant windowEnd = recovery.completedAt().orElseThrow().plus(Duration.ofMinutes(30));

            assertThatThrownBy(() -> recovery.changePhone("*******5678", windowEnd))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.PHONE_CHANGE_WINDOW_CLOSED));
        }

        @Test
        void phoneChangeIsRefusedBeforeThePasswordIsReset() {
            Recovery recovery = ready();

            assertThatThrownBy(() -> recovery.changePhone("*******5678", T0.plus(Duration.ofHours(2))))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.NOT_COMPLETED));
        }

        @Test
        void phoneChangeIsRefusedForACancelledRecovery() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.changePhone("*******5678", T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.CANCELLED));
        }

        @Test
        void thePhoneCanBeChangedOnlyOncePerRecovery() {
            Recovery recovery = completed();
            Instant completedAt = recovery.completedAt().orElseThrow();
            recovery.changePhone("*******5678", completedAt.plusSeconds(60));

            assertThatThrownBy(() -> recovery.changePhone("*******9999", completedAt.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.PHONE_ALREADY_CHANGED));
        }

        @Test
        void thePhoneChangeWindowIsTheOneConfiguredAtStart() {
            Recovery recovery = atT0().under(IDENTITY_AT_HIGH).withPhoneChangeWindow(Duration.ofSeconds(10)).build();
            recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plusSeconds(60));
            recovery.resetPassword(T0.plusSeconds(120));

            assertThatThrownBy(() -> recovery.changePhone("*******5678", T0.plusSeconds(130)))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.PHONE_CHANGE_WINDOW_CLOSED));
        }
    }

    /** Cancelling, by the owner, support or the system. */
    @Nested
    class Cancelling {

        @Test
        void theOwnerCanCancelWhileEvidenceIsAwaited() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            Instant cancelledAt = T0.plusSeconds(60);

            List<LifelineEvent> events = recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, cancelledAt);

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryCancelled.class, cancelled -> {
                assertThat(cancelled.by()).isEqualTo(CancelledBy.OWNER);
                assertThat(cancelled.actor()).isEqualTo(ACCOUNT_ID.toString());
                assertThat(cancelled.occurredAt()).isEqualTo(cancelledAt);
            });
            assertThat(recovery.status(cancelledAt)).isEqualTo(RecoveryStatus.CANCELLED);
        }

        @Test
        void supportCanCancelDuringTheCoolingOffAndItsReasonIsKept() {
            Recovery recovery = coolingOff();

            List<LifelineEvent> events =
                    recovery.cancel(CancelledBy.SUPPORT, "agent.zhou", "owner called: not them", T0.plusSeconds(3600));

            assertThat(events).singleElement().isInstanceOf(RecoveryCancelled.class);
            assertThat(recovery.status(T0.plusSeconds(3600))).isEqualTo(RecoveryStatus.CANCELLED);
            assertThat(recovery.cancelledBy()).contains(CancelledBy.SUPPORT);
            assertThat(recovery.cancelledActor()).contains("agent.zhou");
            assertThat(recovery.cancelReason()).contains("owner called: not them");
        }

        @Test
        void aReadyRecoveryCanBeCancelled() {
            Recovery recovery = ready();

            List<LifelineEvent> events = recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null,
                    T0.plus(Duration.ofHours(2)));

            assertThat(events).singleElement().isInstanceOf(RecoveryCancelled.class);
        }

        @Test
        void cancellingACompletedRecoveryIsRefused() {
            Recovery recovery = completed();

            assertThatThrownBy(() -> recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null,
                    T0.plus(Duration.ofHours(3))))
                    .isInstanceOfSatisfying(RecoveryStateException.class, refused -> assertThat(refused.reason())
                            .isEqualTo(RecoveryStateException.Reason.ALREADY_COMPLETED));
        }

        @Test
        void cancellingTwiceIsRefused() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.cancel(CancelledBy.SUPPORT, "agent.zhou", "duplicate", T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.CANCELLED));
        }

        @Test
        void cancellingARejectedRecoveryIsRefused() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(identityRejected(recovery), T0.plusSeconds(60));

            assertThatThrownBy(() -> recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plusSeconds(120)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.REJECTED));
        }

        @Test
        void cancellingARecoveryPastItsDeadlineIsRefused() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThatThrownBy(() -> recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plus(TTL)))
                    .isInstanceOfSatisfying(RecoveryStateException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(RecoveryStateException.Reason.EXPIRED));
        }

        @Test
        void cancellingRequiresAnActor() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> recovery.cancel(CancelledBy.SUPPORT, " ", "reason", T0.plusSeconds(60)));
        }
    }

    /** A participant's failure: rejection, or a code that expired. */
    @Nested
    class ParticipantFailures {

        @Test
        void exhaustedEmailAttemptsRejectTheRecoveryNamingItsCause() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            EmailVerificationFailed failed = new EmailVerificationFailed(UUID.randomUUID(), recovery.id(), ACCOUNT_ID,
                    T0.plusSeconds(60), EmailVerificationFailure.TOO_MANY_ATTEMPTS);

            List<LifelineEvent> events = recovery.reactTo(failed, T0.plusSeconds(61)).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryRejected.class, rejected -> assertThat(
                    rejected.cause()).isEqualTo(new EventReference("dev.lifeline.EmailVerificationFailed.v1",
                    failed.eventId())));
            assertThat(recovery.status(T0.plusSeconds(61))).isEqualTo(RecoveryStatus.REJECTED);
        }

        @Test
        void anExpiredEmailCodeLeavesTheRecoveryAwaitingEvidence() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            Recovery.Reaction reaction = recovery.reactTo(emailCodeExpired(recovery), T0.plusSeconds(901));

            assertThat(reaction.events()).isEmpty();
            assertThat(recovery.status(T0.plusSeconds(901))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
            assertThat(recovery.endedAt()).isEmpty();
        }

        @Test
        void anEmailVerifiedAfterAnExpiredCodeStillCounts() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(emailCodeExpired(recovery), T0.plusSeconds(901));

            recovery.reactTo(emailVerified(recovery), T0.plusSeconds(1000));

            assertThat(recovery.satisfiedEvidence()).containsExactly(EMAIL);
        }

        @Test
        void rejectedIdentityRejectsTheRecoveryNamingItsCause() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            IdentityRejected rejectedIdentity = identityRejected(recovery);

            List<LifelineEvent> events = recovery.reactTo(rejectedIdentity, T0.plusSeconds(61)).events();

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryRejected.class,
                    rejected -> assertThat(rejected.cause()).isEqualTo(EventReference.to(rejectedIdentity)));
            assertThat(recovery.rejectionCause()).contains(EventReference.to(rejectedIdentity));
            assertThat(recovery.status(T0.plusSeconds(61))).isEqualTo(RecoveryStatus.REJECTED);
        }

        @Test
        void rejectedIdentityDuringTheCoolingOffStillRejects() {
            Recovery recovery = coolingOff();

            List<LifelineEvent> events = recovery.reactTo(identityRejected(recovery), T0.plusSeconds(3600)).events();

            assertThat(events).singleElement().isInstanceOf(RecoveryRejected.class);
            assertThat(recovery.status(T0.plusSeconds(3600))).isEqualTo(RecoveryStatus.REJECTED);
        }

        @Test
        void aParticipantFailureAfterATerminalStateIsIgnored() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.cancel(CancelledBy.OWNER, ACCOUNT_ID.toString(), null, T0.plusSeconds(60));

            Recovery.Reaction reaction = recovery.reactTo(identityRejected(recovery), T0.plusSeconds(120));

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.CANCELLED);
            assertThat(recovery.status(T0.plusSeconds(120))).isEqualTo(RecoveryStatus.CANCELLED);
        }

        @Test
        void aParticipantFailureAfterCompletionIsIgnored() {
            Recovery recovery = completed();

            List<LifelineEvent> events =
                    recovery.reactTo(identityRejected(recovery), T0.plus(Duration.ofHours(3))).events();

            assertThat(events).isEmpty();
            assertThat(recovery.status(T0.plus(Duration.ofHours(3)))).isEqualTo(RecoveryStatus.COMPLETED);
        }
    }

    /** The deadline. */
    @Nested
    class Expiring {

        @Test
        void expiringBeforeTheDeadlineChangesNothing() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            List<LifelineEvent> events = recovery.expire(T0.plus(TTL).minusSeconds(1));

            assertThat(events).isEmpty();
            assertThat(recovery.state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
        }

        @Test
        void expiringAtTheDeadlineEndsTheRecovery() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            List<LifelineEvent> events = recovery.expire(T0.plus(TTL));

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryExpired.class,
                    expired -> assertThat(expired.occurredAt()).isEqualTo(T0.plus(TTL)));
            assertThat(recovery.state()).isEqualTo(Recovery.State.EXPIRED);
            assertThat(recovery.endedAt()).contains(T0.plus(TTL));
        }

        @Test
        void anApprovedRecoveryExpiresWhenNotResetInTime() {
            Recovery recovery = ready();

            List<LifelineEvent> events = recovery.expire(recovery.expiresAt());

            assertThat(events).singleElement().isInstanceOf(RecoveryExpired.class);
        }

        @Test
        void aCompletedRecoveryNeverExpires() {
            Recovery recovery = completed();

            List<LifelineEvent> events = recovery.expire(recovery.expiresAt().plusSeconds(1));

            assertThat(events).isEmpty();
            assertThat(recovery.status(recovery.expiresAt().plusSeconds(1))).isEqualTo(RecoveryStatus.COMPLETED);
        }

        @Test
        void expiringTwiceEmitsOnlyOnce() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.expire(T0.plus(TTL));

            assertThat(recovery.expire(T0.plus(TTL).plusSeconds(60))).isEmpty();
        }

        @Test
        void statusShowsExpiredOnceTheDeadlinePassesBeforeTheSchedulerRuns() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThat(recovery.status(T0.plus(TTL))).isEqualTo(RecoveryStatus.EXPIRED);
        }
    }

    /** The recovery token's hash. */
    @Nested
    class TheToken {

        @Test
        void matchesTheHashOfItsOwnToken() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThat(recovery.matchesToken(sha256Hex("recovery-token"))).isTrue();
        }

        @Test
        void doesNotMatchTheHashOfAnotherToken() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThat(recovery.matchesToken(sha256Hex("another-token"))).isFalse();
        }

        @Test
        void doesNotMatchAMissingToken() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            assertThat(recovery.matchesToken(null)).isFalse();
        }
    }

    /** Another recovery of the same account. */
    @Nested
    class OtherRecoveriesOfTheAccount {

        @Test
        void anotherRecoveryCompletingCancelsAnOpenOneBySystem() {
            Recovery open = start(EMAIL_AND_IDENTITY).recovery();
            Recovery completing = ready();
            Instant at = T0.plus(Duration.ofHours(2));

            List<LifelineEvent> events = open.cancelSinceAnotherCompleted(completing, at);

            assertThat(events).singleElement().isInstanceOfSatisfying(RecoveryCancelled.class, cancelled -> {
                assertThat(cancelled.by()).isEqualTo(CancelledBy.SYSTEM);
                assertThat(cancelled.actor()).isEqualTo(Recovery.ANOTHER_RECOVERY_COMPLETED);
            });
            assertThat(open.status(at)).isEqualTo(RecoveryStatus.CANCELLED);
            assertThat(open.cancelReason()).contains("recovery " + completing.id() + " completed");
        }

        @Test
        void anotherRecoveryCompletingLeavesAnEndedOneAlone() {
            Recovery expired = start(EMAIL_AND_IDENTITY).recovery();
            Recovery completing = ready();

            assertThat(expired.cancelSinceAnotherCompleted(completing, T0.plus(TTL).plusSeconds(1))).isEmpty();
            assertThat(expired.state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
        }

        @Test
        void aRecoveryOfAnotherAccountCannotCancelThisOne() {
            Recovery open = start(EMAIL_AND_IDENTITY).recovery();
            Recovery foreign = atT0().ofAccount(UUID.randomUUID()).build();

            assertThatIllegalArgumentException().isThrownBy(() -> open.cancelSinceAnotherCompleted(foreign, T0));
            assertThatIllegalArgumentException().isThrownBy(() -> open.cancelSinceAnotherCompleted(open, T0));
        }
    }

    /** What a recovery answers to each participant event (reactTo). */
    @Nested
    class RepliesToParticipants {

        @Test
        void reactionToEvidenceBelowTheRequiredAssuranceIsARefusal() {
            Recovery recovery = start(IDENTITY_AT_HIGH).recovery();

            Recovery.Reaction reaction = recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0);

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.ASSURANCE_TOO_LOW);
        }

        @Test
        void reactionToEvidenceAfterApprovalIsARefusal() {
            Recovery recovery = coolingOff();

            assertThat(recovery.reactTo(emailVerified(recovery), T0.plusSeconds(700)).refusal())
                    .contains(Recovery.Refusal.ALREADY_APPROVED);
        }

        @Test
        void reactionToAnythingAfterTheEndNamesTheEnd() {
            Recovery recovery = completed();

            assertThat(recovery.reactTo(identityRejected(recovery), T0.plus(Duration.ofHours(3))).refusal())
                    .contains(Recovery.Refusal.COMPLETED);
        }

        @Test
        void reactionToOnePieceOfEvidenceOfTwoIsAcceptedWithoutEvents() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            Recovery.Reaction reaction = recovery.reactTo(emailVerified(recovery), T0);

            assertThat(reaction.refusal()).isEmpty();
            assertThat(reaction.events()).isEmpty();
            assertThat(recovery.satisfiedEvidence()).containsExactly(EMAIL);
        }

        @Test
        void reactionToARejectionOfAnApprovedRecoveryRejectsIt() {
            Recovery recovery = coolingOff();

            Recovery.Reaction reaction = recovery.reactTo(identityRejected(recovery), T0.plusSeconds(700));

            assertThat(reaction.refusal()).isEmpty();
            assertThat(reaction.events()).singleElement().isInstanceOf(RecoveryRejected.class);
        }

        @Test
        void reactionToAnExpiredEmailCodeIsARefusalSayingExpiryIsNotFinal() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            Recovery.Reaction reaction = recovery.reactTo(emailCodeExpired(recovery), T0.plusSeconds(901));

            assertThat(reaction.events()).isEmpty();
            assertThat(reaction.refusal()).contains(Recovery.Refusal.CODE_EXPIRY_IS_NOT_FINAL);
        }

        @Test
        void reactionToAnExpiredEmailCodeOfAnEndedRecoveryNamesTheEnd() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            recovery.reactTo(identityRejected(recovery), T0.plusSeconds(60));

            assertThat(recovery.reactTo(emailCodeExpired(recovery), T0.plusSeconds(901)).refusal())
                    .contains(Recovery.Refusal.REJECTED);
        }

        @Test
        void reactionToExhaustedEmailAttemptsRejects() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();

            Recovery.Reaction reaction = recovery.reactTo(new EmailVerificationFailed(UUID.randomUUID(), recovery.id(),
                    ACCOUNT_ID, T0.plusSeconds(60), EmailVerificationFailure.TOO_MANY_ATTEMPTS), T0.plusSeconds(61));

            assertThat(reaction.refusal()).isEmpty();
            assertThat(reaction.events()).singleElement().isInstanceOf(RecoveryRejected.class);
        }

        @Test
        void reactionToAnotherRecoverysEventIsARoutingBug() {
            Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
            Recovery other = start(EMAIL_AND_IDENTITY).recovery();

            assertThatIllegalArgumentException().isThrownBy(() -> recovery.reactTo(emailVerified(other), T0));
        }

        @Test
        void theResetRefusalNamesNoEvidence() {
            Recovery withoutEmail = start(IDENTITY_AT_HIGH).recovery();

            assertThatThrownBy(() -> withoutEmail.resetPassword(T0))
                    .isInstanceOf(RecoveryStateException.class)
                    .hasMessage(Recovery.EVIDENCE_OUTSTANDING_MESSAGE);
        }
    }

    // ---- fixtures ----

    /** Li Wei's recovery under EMAIL_AND_IDENTITY, started at T0 for one TTL; phone change window 30 min. */
    private static RecoveryBuilder atT0() {
        return aRecovery().ofAccount(ACCOUNT_ID).under(EMAIL_AND_IDENTITY).withContacts(CONTACTS)
                .withTokenHash(TOKEN_HASH).startedAt(T0).withTtl(TTL);
    }

    private static Recovery.Started start(RecoveryPolicy policy) {
        return atT0().under(policy).start();
    }

    /** Email at T0 + 1 min, identity at SUBSTANTIAL at T0 + 10 min: cooling off for 24 h. */
    private static Recovery coolingOff() {
        Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
        recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
        recovery.reactTo(identityConfirmed(recovery, Assurance.SUBSTANTIAL), T0.plusSeconds(600));
        return recovery;
    }

    /** Email and identity at HIGH by T0 + 1 h: ready at once. */
    private static Recovery ready() {
        Recovery recovery = start(EMAIL_AND_IDENTITY).recovery();
        recovery.reactTo(emailVerified(recovery), T0.plusSeconds(60));
        recovery.reactTo(identityConfirmed(recovery, Assurance.HIGH), T0.plus(Duration.ofHours(1)));
        return recovery;
    }

    /** Reset at T0 + 2 h. */
    private static Recovery completed() {
        Recovery recovery = ready();
        recovery.resetPassword(T0.plus(Duration.ofHours(2)));
        return recovery;
    }

    private static EmailVerified emailVerified(Recovery recovery) {
        return new EmailVerified(UUID.randomUUID(), recovery.id(), recovery.accountId(), T0,
                EmailVerificationMethod.CODE);
    }

    private static IdentityConfirmed identityConfirmed(Recovery recovery, Assurance assurance) {
        IdentityCheckMethod method = assurance == Assurance.HIGH ? IdentityCheckMethod.MANUAL : IdentityCheckMethod.AUTOMATED;
        List<String> reviewers = method == IdentityCheckMethod.MANUAL ? List.of("agent.zhou") : List.of();
        return new IdentityConfirmed(UUID.randomUUID(), recovery.id(), recovery.accountId(), T0, method, assurance,
                reviewers);
    }

    private static EmailVerificationFailed emailCodeExpired(Recovery recovery) {
        return new EmailVerificationFailed(UUID.randomUUID(), recovery.id(), recovery.accountId(), T0.plusSeconds(900),
                EmailVerificationFailure.EXPIRED);
    }

    private static IdentityRejected identityRejected(Recovery recovery) {
        return new IdentityRejected(UUID.randomUUID(), recovery.id(), recovery.accountId(), T0,
                IdentityCheckMethod.MANUAL, "documents do not match");
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
