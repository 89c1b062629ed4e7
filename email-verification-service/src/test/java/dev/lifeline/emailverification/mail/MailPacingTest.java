package dev.lifeline.emailverification.mail;

import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.emailverification.testing.Api;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.StoredChallenges;
import dev.lifeline.http.testing.AtOnce;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Code mails per recipient address: the tests' budget is 2 messages per 4 s (application.properties). The tests
 * open challenges as start events would and run the sender themselves besides the scheduled one (a second sender,
 * as another instance would be), so that a whole scenario fits in one window.
 */
@EmailVerificationTest
class MailPacingTest {

    private static final int LIMIT = 2;
    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final Pattern CODE = Pattern.compile("verification code: ([0-9]{6})(?![0-9])");

    @Inject
    MailSender sender;

    @Inject
    MailPacing pacing;

    /**
     * The first request and mailbox read of a test JVM are slow to start (seconds on a busy machine), and the
     * tests' codes live 6 s: paid before a scenario, not in the middle of one.
     */
    @BeforeEach
    void warmUp() {
        Api.confirm(UUID.randomUUID(), "token", "000000", Api.newClient()).then().statusCode(400);
        assertThat(Mailbox.of(newAddress())).isEmpty();
    }

    @Test
    void codesBeyondTheLimitWaitForAFreeSlotAndThenArriveTogetherNoneDropped() {
        String address = newAddress();
        Instant beforeFirst = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<TestRecovery> spent = spendBudget(address);
        List<TestRecovery> later = IntStream.range(0, 3).mapToObj(i -> Recoveries.unannouncedTo(address)).toList();

        StoredChallenges.openTogether(later);
        sender.sendDueMails();
        Instant slotFrees = awaitDeferred(later.get(0));
        confirmSingles(address, spent);

        // No third message while the first is in the window: the two slots are spent.
        assertThat(slotFrees).isAfterOrEqualTo(beforeFirst.plus(WINDOW));
        Duration untilSlotFrees = Duration.between(Instant.now(), slotFrees).minusMillis(100);
        if (!untilSlotFrees.isNegative()) {
            await().during(untilSlotFrees).atMost(untilSlotFrees.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Mailbox.of(address).size() == LIMIT);
        }
        Mail digest = Mailbox.awaitMail(address, LIMIT + 1);

        assertThat(Mailbox.of(address)).hasSize(LIMIT + 1);
        for (TestRecovery recovery : later) {
            assertThat(StoredChallenges.find(recovery.recoveryId()).mailSentAt()).isAfterOrEqualTo(slotFrees);
        }
        List<String> codes = codesOf(digest);
        assertThat(codes).hasSize(later.size());
        for (int i = 0; i < later.size(); i++) { // newest first
            confirm(later.get(later.size() - 1 - i), codes.get(i)).then().statusCode(200);
        }
    }

    @Test
    void aBurstForOneAddressLeavesAsOneMessageWithEveryCodeNewestFirst() {
        String address = newAddress();
        List<TestRecovery> burst = IntStream.range(0, 4).mapToObj(i -> Recoveries.unannouncedTo(address)).toList();

        StoredChallenges.openTogether(burst);
        Mail digest = Mailbox.awaitFirstMail(address);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> Mailbox.of(address).size() == 1);
        List<String> codes = codesOf(digest);
        assertThat(codes).hasSize(burst.size());
        assertThat(digest.code()).isEqualTo(codes.get(0)); // a reader taking the first code takes the newest
        for (int i = 0; i < burst.size(); i++) {
            confirm(burst.get(burst.size() - 1 - i), codes.get(i)).then().statusCode(200);
        }
    }

    @Test
    void anotherAddressIsNotSlowedByAFloodOfTheFirst() {
        String flooded = newAddress();
        List<TestRecovery> spent = spendBudget(flooded);
        TestRecovery waiting = Recoveries.unannouncedTo(flooded);
        StoredChallenges.openTogether(List.of(waiting));
        sender.sendDueMails();
        awaitDeferred(waiting);
        TestRecovery other = Recoveries.unannouncedTo(newAddress());

        StoredChallenges.openTogether(List.of(other));
        sender.sendDueMails();
        String code = Mailbox.awaitFirstMail(other.email()).code();

        // Sent while the flooded address still waits for a slot.
        assertThat(StoredChallenges.find(waiting.recoveryId()).mailSentAt()).isNull();
        assertThat(Mailbox.of(flooded)).hasSize(LIMIT);
        confirm(other, code).then().statusCode(200);
        confirmSingles(flooded, spent);
    }

    @Test
    void aResendBeyondTheBudgetIsAnsweredAsAlwaysAndItsMailWaitsForASlot() {
        String address = newAddress();
        TestRecovery recovery = Recoveries.unannouncedTo(address);
        StoredChallenges.openTogether(List.of(recovery));
        sender.sendDueMails();
        Mail first = Mailbox.awaitFirstMail(address);
        TestRecovery another = Recoveries.unannouncedTo(address);
        StoredChallenges.openTogether(List.of(another));
        sender.sendDueMails();
        Mailbox.awaitMail(address, LIMIT);

        Api.awaitResend(recovery); // 202, as when the budget has room
        sender.sendDueMails();

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Instant due = StoredChallenges.find(recovery.recoveryId()).mailDueAt();
            return due != null && due.isAfter(Instant.now()) && Mailbox.of(address).size() == LIMIT;
        });
        Mail resent = Mailbox.awaitMail(address, LIMIT + 1);
        assertThat(codesOf(resent)).hasSize(1);
        confirm(recovery, first.code()).then().statusCode(400); // replaced by the resend
        confirm(recovery, resent.code()).then().statusCode(200);
    }

    @Test
    void aDigestInChineseIsWrittenInChineseWithEveryCode() {
        String address = newAddress();
        List<TestRecovery> burst = IntStream.range(0, 2)
                .mapToObj(i -> Recoveries.unannouncedTo(address, "zh-CN")).toList();

        StoredChallenges.openTogether(burst);
        Mail digest = Mailbox.awaitFirstMail(address);

        assertThat(digest.subject()).isEqualTo("账号找回验证码（多个）");
        Matcher codes = Pattern.compile("您的验证码：([0-9]{6})").matcher(digest.text());
        assertThat(codes.results().map(result -> result.group(1)).toList()).hasSize(2)
                .allSatisfy(code -> assertThat(digest.html()).contains(code));
        assertThat(digest.html()).contains("lang=\"zh-CN\"").contains("不是您本人操作？");
        assertThat(digest.text()).contains("申请时间：").contains("UTC");
    }

    /**
     * Two senders (instances) at once: each reserves under the address's advisory lock and counts the other's
     * committed slot, so that however many try at the same moment, only the limit get one.
     */
    @Test
    void concurrentSendersToOneAddressGetNoMoreSlotsThanTheLimit() {
        MailPacing.Recipient recipient = pacing.recipient(newAddress());
        Instant now = Instant.now();
        Supplier<MailPacing.Reservation> reserve = () -> QuarkusTransaction.requiringNew()
                .call(() -> pacing.reserve(recipient, now));

        List<MailPacing.Reservation> reservations = AtOnce.run(Collections.nCopies(8, reserve));

        assertThat(reservations).filteredOn(MailPacing.Reservation::granted).hasSize(LIMIT);
        assertThat(reservations).filteredOn(reservation -> !reservation.granted())
                .extracting(MailPacing.Reservation::deferredUntil)
                .containsOnly(now.truncatedTo(ChronoUnit.MICROS).plus(WINDOW));
    }

    /**
     * Spends the address's budget: {@code LIMIT} recoveries, one after another, each mailed alone (the next opens
     * once the one before is recorded as sent, so no sender can put two in one message).
     */
    private List<TestRecovery> spendBudget(String address) {
        List<TestRecovery> spent = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            TestRecovery recovery = Recoveries.unannouncedTo(address);
            StoredChallenges.openTogether(List.of(recovery));
            sender.sendDueMails();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> StoredChallenges.find(recovery.recoveryId()).mailSentAt() != null);
            spent.add(recovery);
        }
        return spent;
    }

    /** The codes the address's first mails carried, one each, confirm their own recoveries (codes live 6 s). */
    private static void confirmSingles(String address, List<TestRecovery> spent) {
        Mailbox.awaitMail(address, spent.size());
        List<Mail> singles = Mailbox.of(address).subList(0, spent.size());
        for (int i = 0; i < spent.size(); i++) {
            assertThat(codesOf(singles.get(i))).hasSize(1);
            confirm(spent.get(i), singles.get(i).code()).then().statusCode(200);
        }
    }

    /** Waits until the recovery's mail is queued for later, unsent, and returns when it is due. */
    private static Instant awaitDeferred(TestRecovery recovery) {
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            EmailChallenge challenge = StoredChallenges.find(recovery.recoveryId());
            return challenge.mailSentAt() == null && challenge.mailDueAt() != null
                    && challenge.mailDueAt().isAfter(Instant.now());
        });
        return StoredChallenges.find(recovery.recoveryId()).mailDueAt();
    }

    private static List<String> codesOf(Mail mail) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(mail.text());
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static String newAddress() {
        return UUID.randomUUID() + "@example.org";
    }
}
