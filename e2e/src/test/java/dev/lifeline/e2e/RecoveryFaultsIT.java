package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.testing.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 6 of issue 11: {@value #RECOVERIES} recoveries in flight while every service is killed with SIGKILL and
 * started again, the broker is restarted and PostgreSQL is restarted, each at the moment its work is under way. Each
 * recovery still ends reset, its events are complete on the topics, and nothing the owner is told or any reset
 * happens twice — counted in the mailbox, the delivery log and the topics.
 *
 * <p>At-least-once is the contract between the services: an event is published again when its publisher dies before
 * it records the send, and a mail is sent again when its sender dies between the SMTP answer and its own commit.
 * What must not repeat is the <em>meaning</em>: every event keeps its CloudEvents id, every notification mail its
 * delivery's Message-ID, so each counts once for a consumer that deduplicates as the contract says.
 */
class RecoveryFaultsIT {

    private static final int RECOVERIES = 50;
    private static final String[] ALERTS = {"Someone has started to recover your account",
            "The recovery of your account was approved", "The password of your account was changed"};
    /** Saga steps that wait on a service that was just restarted get this long. */
    private static final Duration RECOVERED = Duration.ofMinutes(3);

    private static Suite suite;
    private static ExecutorService gateway;
    private static List<Walk> walks;

    /** One recovery, walked through the faults, and the password it ended with. */
    private record Walk(StartedRecovery recovery, String newPassword) {
    }

    @BeforeAll
    static void up() {
        // Short leases: a mail or notification taken by a killed process is taken again within seconds.
        suite = Suite.up(RecoveryFaultsIT.class,
                Map.of("LIFELINE_NOTIFICATIONS_LEASE", "PT15S", "LIFELINE_MAIL_LEASE", "PT15S"));
        gateway = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void down() {
        if (gateway != null) {
            gateway.shutdownNow();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static synchronized List<Walk> walks() {
        if (walks == null) {
            walks = walkThroughTheFaults();
        }
        return walks;
    }

    private static List<Walk> walkThroughTheFaults() {
        IdentityApi identity = suite.identity();
        EmailVerificationApi email = suite.emailVerification();
        KycApi kyc = suite.kyc();
        List<Owner> owners = inParallel(IntStream.range(0, RECOVERIES).mapToObj(i -> Owner.random())
                .toList(), owner -> {
            kyc.putProfile(identity.createAccount(owner, false), owner);
            return owner;
        });

        // Start: the RecoveryRequested events reach email-verification and notification, which die at work.
        List<StartedRecovery> recoveries = inParallel(owners, identity::start);
        crashAndRestart("email-verification-service");
        crashAndRestart("notification-service");

        // The codes: identity-service dies while the EmailVerified events come in.
        inParallel(recoveries, recovery -> {
            Http.Answer confirmed = retried(() -> email.confirm(recovery, awaitNewestCode(recovery.owner())));
            if (confirmed.status() == 400) {
                // The mail read was resent meanwhile (its sender had died before recording it): the new code counts.
                confirmed = retried(() -> email.confirm(recovery, awaitNewestCode(recovery.owner())));
            }
            assertThat(confirmed.status()).as("confirm %s: %s", recovery, confirmed).isEqualTo(200);
            return recovery;
        });
        crashAndRestart("identity-service");

        // The evidence: kyc-service dies with IdentityConfirmed events in its outbox; then the broker restarts.
        inParallel(recoveries, recovery -> {
            Http.Answer submitted = retried(() -> kyc.submit(recovery, KycApi.fullEvidence(recovery.owner())));
            assertThat(submitted.status()).as("evidence of %s: %s", recovery, submitted).isEqualTo(200);
            return recovery;
        });
        crashAndRestart("kyc-service");
        suite.run("stop", "kafka");
        suite.run("start", "kafka");
        inParallel(recoveries, recovery -> awaitReady(identity, recovery));

        // The resets: PostgreSQL restarts while the PasswordReset events and the last alerts are on their way.
        List<Walk> walked = inParallel(recoveries, recovery -> {
            String newPassword = Owner.randomPassword();
            Http.Answer reset = retried(() -> identity.resetPassword(recovery, newPassword));
            assertThat(reset.status()).as("reset of %s: %s", recovery, reset).isEqualTo(204);
            return new Walk(recovery, newPassword);
        });
        suite.run("stop", "postgresql");
        suite.run("start", "postgresql");
        return walked;
    }

    @Test
    void everyRecoveryEndsResetAndItsNewPasswordOpensTheAccount() {
        List<Walk> walked = walks();

        assertThat(walked).hasSize(RECOVERIES);
        IdentityApi identity = suite.identity();
        inParallel(walked, walk -> {
            Http.Answer login = retried(() -> identity.authenticate(walk.recovery().owner(), walk.newPassword()));
            assertThat(login.status()).as("login after %s: %s", walk.recovery(), login).isEqualTo(200);
            assertThat(identity.authenticate(walk.recovery().owner(), walk.recovery().owner().password()).status())
                    .as("the old password after %s", walk.recovery()).isEqualTo(401);
            return walk;
        });
    }

    @Test
    void everyRecoveryHasItsCompleteEventSequenceOnTheIdentityTopicEachEventOnce() {
        List<Walk> walked = walks();
        AuditTopics topics = suite.topics();

        await("every recovery's PasswordReset on the identity topic").atMost(RECOVERED)
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                    Map<String, List<AuditTopics.Event>> bySubject = bySubject(topics.read(List.of(AuditTopics.IDENTITY)));
                    return walked.stream().allMatch(walk -> bySubject.getOrDefault(walk.recovery().id(), List.of())
                            .stream().anyMatch(e -> e.type().equals("dev.lifeline.PasswordReset.v1")));
                });
        Map<String, List<AuditTopics.Event>> bySubject = bySubject(topics.read(List.of(AuditTopics.IDENTITY)));

        for (Walk walk : walked) {
            List<AuditTopics.Event> events = bySubject.get(walk.recovery().id());
            // A republished event repeats its ce_id; counted once, as a consumer's inbox counts it.
            List<AuditTopics.Event> distinct = new ArrayList<>(events.stream().collect(Collectors.toMap(
                    e -> e.headers().get("ce_id"), e -> e, (first, repeat) -> first, LinkedHashMap::new))
                    .values());
            assertThat(distinct).as("events of %s", walk.recovery()).extracting(AuditTopics.Event::type)
                    .containsExactly("dev.lifeline.RecoveryRequested.v1", "dev.lifeline.RecoveryApproved.v1",
                            "dev.lifeline.PasswordReset.v1");
            assertThat(events).as("partitions of %s", walk.recovery()).extracting(AuditTopics.Event::partition)
                    .containsOnly(events.get(0).partition());
        }
    }

    @Test
    void everyOwnerIsToldEachStepOnceInTheMailboxAndTheDeliveryLog() {
        List<Walk> walked = walks();
        String supportToken = suite.token("support-agent", "e2e-faults");
        String notifications = suite.url("LIFELINE_NOTIFICATION_URL") + "/api/v1/notifications?recoveryId=";

        inParallel(walked, walk -> {
            String address = walk.recovery().owner().email();
            await("the alerts to " + address).atMost(RECOVERED).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> alertMessageIds(suite.mails(address)).values().stream()
                            .allMatch(ids -> !ids.isEmpty()));
            // A mail sent again after a crash is the same message (its delivery's Message-ID): once for the owner.
            alertMessageIds(suite.mails(address)).forEach((alert, ids) ->
                    assertThat(ids.stream().distinct().toList()).as("\"%s\" mails to %s", alert, address).hasSize(1));

            JsonNode log = await("the delivery log of " + walk.recovery()).atMost(RECOVERED)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> Http.get(notifications + walk.recovery().id(), Http.bearer(supportToken))
                            .expect(200, "delivery log").json().path("deliveries"), RecoveryFaultsIT::allFinished);
            List<String> deliveries = new ArrayList<>();
            log.forEach(delivery -> deliveries.add(delivery.path("template").asText() + "/"
                    + delivery.path("channel").asText()));
            assertThat(deliveries).as("deliveries of %s", walk.recovery()).doesNotHaveDuplicates()
                    .contains("recovery-started/EMAIL", "recovery-approved/EMAIL", "password-changed/EMAIL");
            log.forEach(delivery -> assertThat(delivery.path("status").asText()).as("%s", delivery)
                    .isIn("SENT", "SKIPPED"));
            return walk;
        });
    }

    @Test
    void everyOwnerReceivedAWorkingCodeAndAnyResentCodeMailOnlyReplacedIt() {
        List<Walk> walked = walks();

        for (Walk walk : walked) {
            List<Mailbox.Mail> codeMails = suite.mails(walk.recovery().owner().email()).stream()
                    .filter(mail -> alertOf(mail) == null).toList();
            // A code mail is sent again only if its sender died between SMTP's answer and its commit; the resend
            // carries a new code that replaces the first (the code worked above: it was the newest).
            assertThat(codeMails).as("code mails of %s", walk.recovery()).hasSizeBetween(1, 2);
        }
    }

    // ---- the faults ----

    private static void crashAndRestart(String service) {
        suite.run("stop", service, "--kill");
        suite.run("start", service);
    }

    // ---- the gateway's side: concurrent, and patient with a service that is coming back ----

    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> call) {
        List<Future<R>> futures = items.stream().map(item -> gateway.submit(() -> call.apply(item))).toList();
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof AssertionError assertion ? assertion : new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return results;
    }

    /**
     * The call, again while its service refuses connections or answers 502/503 (not ready yet, database away): what a
     * gateway does. The calls retried here are safe to repeat.
     */
    private static Http.Answer retried(Supplier<Http.Answer> call) {
        return await().atMost(RECOVERED).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(call::get, answer -> answer.status() != 502 && answer.status() != 503);
    }

    private static StartedRecovery awaitReady(IdentityApi identity, StartedRecovery recovery) {
        await(recovery + " READY").atMost(RECOVERED).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> identity.status(recovery).json().path("status").asText().equals("READY"));
        return recovery;
    }

    /** The newest code mailed to the owner: a resend after a crash replaces the earlier code. */
    private static String awaitNewestCode(Owner owner) {
        List<Mailbox.Mail> codeMails = await("a code mail to " + owner.email()).atMost(RECOVERED)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> suite.mails(owner.email()).stream().filter(mail -> alertOf(mail) == null).toList(),
                        mails -> !mails.isEmpty());
        return codeMails.get(codeMails.size() - 1).code();
    }

    private static String alertOf(Mailbox.Mail mail) {
        for (String alert : ALERTS) {
            if (mail.text().contains(alert)) {
                return alert;
            }
        }
        return null;
    }

    /** For each alert, the Message-IDs of the mails that carried it. */
    private static Map<String, List<String>> alertMessageIds(List<Mailbox.Mail> mails) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String alert : ALERTS) {
            ids.put(alert, new ArrayList<>());
        }
        for (Mailbox.Mail mail : mails) {
            String alert = alertOf(mail);
            if (alert != null) {
                ids.get(alert).add(mail.messageId());
            }
        }
        return ids;
    }

    private static boolean allFinished(JsonNode deliveries) {
        List<String> entries = new ArrayList<>();
        deliveries.forEach(d -> entries.add(d.path("template").asText() + "/" + d.path("status").asText()));
        return entries.stream().anyMatch(e -> e.startsWith("password-changed/"))
                && entries.stream().noneMatch(e -> e.endsWith("/PENDING"));
    }

    private static Map<String, List<AuditTopics.Event>> bySubject(List<AuditTopics.Event> events) {
        return events.stream().collect(Collectors.groupingBy(AuditTopics.Event::subject));
    }
}
