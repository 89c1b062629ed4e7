package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.DecoyIdentityRejected;
import dev.lifeline.events.EmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.IdentityCheckMethod;
import dev.lifeline.events.IdentityRejected;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DecoyRecoveryTest {

    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);
    private static final String TOKEN_HASH = HexFormat.of().formatHex(new byte[32]);
    private static final Instant AFTER_FIVE_WRONG_CODES = T0.plusSeconds(300);
    private static final Instant AFTER_THREE_WRONG_SUBMISSIONS = T0.plusSeconds(420);

    // ---- email failures ----

    @Test
    void exhaustedEmailAttemptsRejectTheDecoy() {
        DecoyRecovery decoy = decoy();

        assertThat(decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES))
                .isEmpty();

        assertThat(decoy.status(AFTER_FIVE_WRONG_CODES)).isEqualTo(RecoveryStatus.REJECTED);
        assertThat(decoy.rejectedAt()).contains(AFTER_FIVE_WRONG_CODES);
    }

    @Test
    void aRejectedDecoyStaysRejectedPastItsDeadlineAsARejectedRecoveryDoes() {
        DecoyRecovery decoy = decoy();
        decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES);

        assertThat(decoy.status(T0.plus(TTL).plusSeconds(1))).isEqualTo(RecoveryStatus.REJECTED);
    }

    @Test
    void anExpiredEmailCodeLeavesTheDecoyAwaitingEvidence() {
        DecoyRecovery decoy = decoy();

        assertThat(decoy.reactTo(failed(decoy, EmailVerificationFailure.EXPIRED), T0.plusSeconds(901)))
                .contains(Recovery.Refusal.CODE_EXPIRY_IS_NOT_FINAL);

        assertThat(decoy.status(T0.plusSeconds(901))).isEqualTo(RecoveryStatus.AWAITING_EVIDENCE);
        assertThat(decoy.rejectedAt()).isEmpty();
    }

    @Test
    void aSecondRejectionChangesNothingAndIsRefusedAsRejected() {
        DecoyRecovery decoy = decoy();
        decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES);

        assertThat(decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), T0.plusSeconds(600)))
                .contains(Recovery.Refusal.REJECTED);
        assertThat(decoy.rejectedAt()).contains(AFTER_FIVE_WRONG_CODES);
    }

    @Test
    void aDecoyPastItsDeadlineIsNotRejected() {
        DecoyRecovery decoy = decoy();

        assertThat(decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), T0.plus(TTL)))
                .contains(Recovery.Refusal.EXPIRED);
        assertThat(decoy.status(T0.plus(TTL))).isEqualTo(RecoveryStatus.EXPIRED);
    }

    @Test
    void anotherDecoysEventIsARoutingBug() {
        DecoyRecovery decoy = decoy();
        DecoyRecovery other = decoy();

        assertThatIllegalArgumentException().isThrownBy(() ->
                decoy.reactTo(failed(other, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES));
    }

    // ---- identity rejections ----

    @Test
    void exhaustedIdentityAttemptsRejectTheDecoy() {
        DecoyRecovery decoy = decoy();

        assertThat(decoy.reactTo(identityRejected(decoy), AFTER_THREE_WRONG_SUBMISSIONS)).isEmpty();

        assertThat(decoy.status(AFTER_THREE_WRONG_SUBMISSIONS)).isEqualTo(RecoveryStatus.REJECTED);
        assertThat(decoy.rejectedAt()).contains(AFTER_THREE_WRONG_SUBMISSIONS);
    }

    @Test
    void anIdentityRejectionOfADecoyAlreadyRejectedChangesNothingAndIsRefusedAsRejected() {
        DecoyRecovery decoy = decoy();
        decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES);

        assertThat(decoy.reactTo(identityRejected(decoy), AFTER_THREE_WRONG_SUBMISSIONS))
                .contains(Recovery.Refusal.REJECTED);
        assertThat(decoy.rejectedAt()).contains(AFTER_FIVE_WRONG_CODES);
    }

    @Test
    void anIdentityRejectionPastTheDeadlineDoesNotRejectTheDecoy() {
        DecoyRecovery decoy = decoy();

        assertThat(decoy.reactTo(identityRejected(decoy), T0.plus(TTL))).contains(Recovery.Refusal.EXPIRED);
        assertThat(decoy.status(T0.plus(TTL))).isEqualTo(RecoveryStatus.EXPIRED);
    }

    @Test
    void anotherDecoysIdentityRejectionIsARoutingBug() {
        DecoyRecovery decoy = decoy();
        DecoyRecovery other = decoy();

        assertThatIllegalArgumentException().isThrownBy(() ->
                decoy.reactTo(identityRejected(other), AFTER_THREE_WRONG_SUBMISSIONS));
    }

    @Test
    void anEventNoDecoyAnswersIsRefusedAndChangesNothing() {
        DecoyRecovery decoy = decoy();

        assertThat(DecoyRecovery.answers(decoy.started())).isFalse();
        assertThat(decoy.reactTo(decoy.started(), AFTER_THREE_WRONG_SUBMISSIONS))
                .contains(Recovery.Refusal.NOT_A_PARTICIPANT_EVENT);
        assertThat(decoy.rejectedAt()).isEmpty();
    }

    // ---- refusals, compared with a real recovery's ----

    /** Where a decoy and a real recovery started at the same moment can both be. */
    enum Moment {
        FRESH, PAST_THE_DEADLINE, EMAIL_ATTEMPTS_EXHAUSTED, IDENTITY_ATTEMPTS_EXHAUSTED
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aDecoyShowsTheStatusOfARealRecoveryAtTheSameMoment(Moment moment) {
        Pair pair = pairAt(moment);

        assertThat(pair.decoy.status(pair.at)).isEqualTo(pair.recovery.status(pair.at));
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aDecoyRefusesAResetWithTheReasonAndWordsOfARealRecoveryAtTheSameMoment(Moment moment) {
        Pair pair = pairAt(moment);

        RecoveryStateException real = refusalOf(() -> pair.recovery.resetPassword(pair.at));

        assertSame(pair.decoy.refuseReset(pair.at), real);
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aDecoyRefusesAPhoneChangeWithTheReasonAndWordsOfARealRecoveryAtTheSameMoment(Moment moment) {
        Pair pair = pairAt(moment);

        RecoveryStateException real = refusalOf(() -> pair.recovery.changePhone("*******5678", pair.at));

        assertSame(pair.decoy.refusePhoneChange(pair.at), real);
    }

    // ---- fixtures ----

    private record Pair(DecoyRecovery decoy, Recovery recovery, Instant at) {
    }

    private static Pair pairAt(Moment moment) {
        DecoyRecovery decoy = decoy();
        Recovery recovery = RecoveryBuilder.aRecovery().under(new RecoveryPolicy(List.of(Evidence.EMAIL,
                        Evidence.IDENTITY), Assurance.SUBSTANTIAL, Duration.ofHours(24)))
                .withContacts(new Contacts("li.wei@example.com", true, PhoneStatus.SUSPENDED, "zh-CN"))
                .withTokenHash(TOKEN_HASH).startedAt(T0).withTtl(TTL).build();
        return switch (moment) {
            case FRESH -> new Pair(decoy, recovery, T0.plusSeconds(60));
            case PAST_THE_DEADLINE -> new Pair(decoy, recovery, T0.plus(TTL));
            case EMAIL_ATTEMPTS_EXHAUSTED -> {
                decoy.reactTo(failed(decoy, EmailVerificationFailure.TOO_MANY_ATTEMPTS), AFTER_FIVE_WRONG_CODES);
                recovery.reactTo(new EmailVerificationFailed(UUID.randomUUID(), recovery.id(),
                        recovery.accountId(), AFTER_FIVE_WRONG_CODES, EmailVerificationFailure.TOO_MANY_ATTEMPTS),
                        AFTER_FIVE_WRONG_CODES);
                yield new Pair(decoy, recovery, T0.plusSeconds(600));
            }
            case IDENTITY_ATTEMPTS_EXHAUSTED -> {
                decoy.reactTo(identityRejected(decoy), AFTER_THREE_WRONG_SUBMISSIONS);
                recovery.reactTo(new IdentityRejected(UUID.randomUUID(), recovery.id(),
                        recovery.accountId(), AFTER_THREE_WRONG_SUBMISSIONS, IdentityCheckMethod.AUTOMATED,
                        "attempts exhausted"), AFTER_THREE_WRONG_SUBMISSIONS);
                yield new Pair(decoy, recovery, T0.plusSeconds(600));
            }
        };
    }

    private static void assertSame(RecoveryStateException decoys, RecoveryStateException reals) {
        assertThat(decoys.reason()).isEqualTo(reals.reason());
        assertThat(decoys.getMessage()).isEqualTo(reals.getMessage());
        assertThat(decoys.retryAt()).isEqualTo(reals.retryAt());
    }

    private static RecoveryStateException refusalOf(Runnable command) {
        try {
            command.run();
        } catch (RecoveryStateException refused) {
            return refused;
        }
        throw new AssertionError("the real recovery did not refuse");
    }

    private static DecoyRecovery decoy() {
        return DecoyRecovery.create(UUID.randomUUID(), TOKEN_HASH, T0, TTL);
    }

    private static DecoyEmailVerificationFailed failed(DecoyRecovery decoy, EmailVerificationFailure reason) {
        return new DecoyEmailVerificationFailed(UUID.randomUUID(), decoy.id(), AFTER_FIVE_WRONG_CODES, reason);
    }

    private static DecoyIdentityRejected identityRejected(DecoyRecovery decoy) {
        return new DecoyIdentityRejected(UUID.randomUUID(), decoy.id(), AFTER_THREE_WRONG_SUBMISSIONS,
                IdentityCheckMethod.AUTOMATED, "attempts exhausted");
    }
}
