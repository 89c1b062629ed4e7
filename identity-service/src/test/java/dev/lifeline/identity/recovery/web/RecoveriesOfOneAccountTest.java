package dev.lifeline.identity.recovery.web;

import dev.lifeline.events.CancelledBy;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.IdentityTopic;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.identity.testing.TestRecoveries.Started;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** docs/architecture.md, "Recoveries of one account": several coexist; no start changes another; the first to complete ends the others. */
@IdentityTest
class RecoveriesOfOneAccountTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    @Test
    void eachOpenRecoveryKeepsItsOwnTokenAndStatus() {
        Owner owner = accounts.create();
        Started first = TestRecoveries.start(owner.username());
        Started second = TestRecoveries.start(owner.username());

        TestRecoveries.status(first.recoveryId(), first.token()).then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE"));
        TestRecoveries.status(second.recoveryId(), second.token()).then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE"));
        TestRecoveries.status(first.recoveryId(), second.token()).then().statusCode(404);
    }

    @Test
    void aStartDoesNotStopTheOwnersReadyRecovery() {
        Owner owner = accounts.create();
        Started owners = TestRecoveries.start(owner.username());
        recoveries.makeReady(owners.recoveryId());

        TestRecoveries.start(owner.username()); // anyone who knows the username

        TestRecoveries.status(owners.recoveryId(), owners.token()).then().statusCode(200)
                .body("status", equalTo("READY"));
        PasswordResetTest.reset(owners, TestAccounts.strongPassword()).then().statusCode(204);
    }

    @Test
    void theFirstToCompleteCancelsTheAccountsOtherOpenRecoveriesBySystem() {
        Owner owner = accounts.create();
        Started completing = TestRecoveries.start(owner.username());
        Started awaiting = TestRecoveries.start(owner.email());
        Started approved = TestRecoveries.start(owner.phone());
        recoveries.makeReady(completing.recoveryId());
        recoveries.makeReady(approved.recoveryId());
        Started otherAccounts = TestRecoveries.start(accounts.create().username());

        PasswordResetTest.reset(completing, TestAccounts.strongPassword()).then().statusCode(204);

        for (Started other : List.of(awaiting, approved)) {
            Recovery cancelled = recoveries.find(other.recoveryId());
            assertThat(cancelled.state()).isEqualTo(Recovery.State.CANCELLED);
            assertThat(cancelled.cancelledBy()).contains(CancelledBy.SYSTEM);
            assertThat(cancelled.cancelledActor()).contains(Recovery.ANOTHER_RECOVERY_COMPLETED);
            assertThat(cancelled.cancelReason()).contains("recovery " + completing.recoveryId() + " completed");
        }
        assertThat(recoveries.find(otherAccounts.recoveryId()).state()).isEqualTo(Recovery.State.AWAITING_EVIDENCE);
    }

    @Test
    void theOthersTokensAreRefusedAfterTheReset() {
        Owner owner = accounts.create();
        Started completing = TestRecoveries.start(owner.username());
        Started other = TestRecoveries.start(owner.username());
        recoveries.makeReady(completing.recoveryId());
        recoveries.makeReady(other.recoveryId());

        PasswordResetTest.reset(completing, TestAccounts.strongPassword()).then().statusCode(204);

        PasswordResetTest.reset(other, TestAccounts.strongPassword()).then().statusCode(409)
                .body("reason", equalTo("CANCELLED"));
        TestRecoveries.status(other.recoveryId(), other.token()).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void theCancellationOnCompletionIsPublishedAsASchemaValidRecoveryCancelledBySystem() {
        Owner owner = accounts.create();
        Started completing = TestRecoveries.start(owner.username());
        Started other = TestRecoveries.start(owner.username());
        recoveries.makeReady(completing.recoveryId());

        PasswordResetTest.reset(completing, TestAccounts.strongPassword()).then().statusCode(204);

        ConsumerRecord<String, String> cancelled = IdentityTopic.eventOf(other.recoveryId(), EventType.RECOVERY_CANCELLED);
        EventSchemas.assertValid(EventType.RECOVERY_CANCELLED, cancelled.value());
        assertThat(cancelled.value()).contains("\"by\":\"SYSTEM\"")
                .contains("\"actor\":\"" + Recovery.ANOTHER_RECOVERY_COMPLETED + "\"");
    }

    @Test
    void theCancellationOnCompletionIsAuditedAsTheSystemsNeverTheOwners() {
        Owner owner = accounts.create();
        Started completing = TestRecoveries.start(owner.username());
        Started other = TestRecoveries.start(owner.username());
        recoveries.makeReady(completing.recoveryId());

        try (LogLines audit = LogLines.audit()) {
            PasswordResetTest.reset(completing, TestAccounts.strongPassword()).then().statusCode(204);

            assertThat(audit.containing("what=recovery.cancel", "recovery=" + other.recoveryId()))
                    .hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("who=system", "by=SYSTEM", "outcome=cancelled"));
            assertThat(audit.containing("who=" + owner.id(), "recovery=" + other.recoveryId())).isEmpty();
        }
    }

    @Test
    void aStartAndAResetOfOneAccountAtOnceNeverFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 20; round++) {
                Owner owner = accounts.create();
                Started ready = TestRecoveries.start(owner.username());
                recoveries.makeReady(ready.recoveryId());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                answers.add(pool.submit(atOnce(go, () -> PasswordResetTest.reset(ready, TestAccounts.strongPassword()))));
                answers.add(pool.submit(atOnce(go, () -> RecoveryStartTest.start(owner.email()))));
                answers.add(pool.submit(atOnce(go, () -> RecoveryStartTest.start(owner.phone()))));
                go.countDown();

                assertThat(answers.get(0).get(30, TimeUnit.SECONDS).statusCode()).as("reset, round %d", round)
                        .isEqualTo(204);
                assertThat(answers.get(1).get(30, TimeUnit.SECONDS).statusCode()).as("start, round %d", round)
                        .isEqualTo(202);
                assertThat(answers.get(2).get(30, TimeUnit.SECONDS).statusCode()).as("start, round %d", round)
                        .isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Callable<T> atOnce(CountDownLatch go, Callable<T> call) {
        return () -> {
            go.await();
            return call.call();
        };
    }
}
