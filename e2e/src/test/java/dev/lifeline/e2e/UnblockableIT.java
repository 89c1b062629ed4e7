package dev.lifeline.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22's promise that no stranger can stop the owner, tried as strangers would on a running suite: from many
 * addresses they start recoveries by every identifier of the owner's account, guess the password past the
 * account's failure cap, guess email codes, recovery codes and identity facts on the recoveries they started. Then
 * the owner, from an address that has not been failing, starts a recovery and gets its code mail, signs in, cancels
 * a stranger's recovery from the alert, and uses a saved recovery code: every one of them works.
 * <p>
 * The suite paces code mails and recovery alerts on a short window here (production: 15 minutes), so that the owner's
 * code, deferred behind the strangers' mails, arrives within the test.
 */
class UnblockableIT {

    /** Strangers' addresses, from TEST-NET-3; the owners' are from 198.18.0.0/15. */
    private static final int STRANGERS = 10;
    private static final Pattern CODE = Pattern.compile("verification code: (\\d{6})");

    private static Suite suite;
    private static IdentityApi identity;
    private static EmailVerificationApi email;
    private static KycApi kyc;
    private static final ExecutorService STRANGER_POOL = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void up() {
        suite = Suite.up(UnblockableIT.class, Map.of(
                "LIFELINE_MAIL_PER_ADDRESS_WINDOW", "PT15S",
                "LIFELINE_NOTIFICATIONS_RECOVERY_REQUESTED_WINDOW", "PT15S"));
        identity = suite.identity();
        email = suite.emailVerification();
        kyc = suite.kyc();
    }

    @AfterAll
    static void down() {
        STRANGER_POOL.shutdownNow();
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void strangersOnManyAddressesNeverStopTheOwnersStartCodeMailLoginCancelOrRecoveryCode() throws Exception {
        Owner owner = Owner.random();
        String accountId = identity.createAccount(owner, false);
        kyc.putProfile(accountId, owner);
        List<String> savedCodes = identity.issueRecoveryCodes(accountId);

        List<StartedRecovery> strangers = strangersAttack(owner);

        // The owner, from an address that has not been failing: the right password while the cap holds.
        identity.authenticate(owner, owner.password()).expect(200, "the owner's login while the account's cap holds");
        // A stranger's recovery, cancelled from its alert with the owner's password.
        StartedRecovery strangers0 = strangers.get(0);
        identity.cancelByOwner(new StartedRecovery(strangers0.id(), strangers0.token(), owner), owner.password())
                .expect(204, "the owner's cancel of a stranger's recovery");
        // The owner's own start is a real recovery: its code arrives, and with a saved code it becomes READY,
        // which no decoy ever does.
        int mailsBefore = suite.mailsTo(owner.email()).size();
        StartedRecovery own = identity.start(owner);
        confirmOwnCode(own, mailsBefore);
        identity.useRecoveryCode(own, savedCodes.get(0)).expect(200, "the owner's saved recovery code");
        identity.awaitStatus(own, "READY");
        identity.resetPassword(own, Owner.randomPassword()).expect(204, "the owner's reset");
    }

    /** Every kind of stranger's request, from {@link #STRANGERS} addresses at once; returns the started recoveries. */
    private static List<StartedRecovery> strangersAttack(Owner owner) throws Exception {
        List<Callable<List<StartedRecovery>>> attacks = new ArrayList<>();
        for (int i = 0; i < STRANGERS; i++) {
            Owner stranger = owner.at("203.0.113." + (10 + i));
            attacks.add(() -> attackFrom(stranger));
        }
        List<StartedRecovery> started = new ArrayList<>();
        for (Future<List<StartedRecovery>> attack : STRANGER_POOL.invokeAll(attacks, 5, TimeUnit.MINUTES)) {
            started.addAll(attack.get());
        }
        return started;
    }

    private static List<StartedRecovery> attackFrom(Owner stranger) {
        List<StartedRecovery> started = new ArrayList<>();
        for (String identifier : List.of(stranger.username(), stranger.email(), stranger.phone())) {
            var answer = Http.post(suite.url("LIFELINE_IDENTITY_URL") + "/api/v1/recoveries", Map.of("identifier", identifier),
                    Map.of("X-Forwarded-For", stranger.address())).expect(202, "a stranger's start");
            started.add(new StartedRecovery(answer.json().path("recoveryId").asText(),
                    answer.json().path("recoveryToken").asText(), stranger));
            // Five wrong passwords per identifier: 15 per address, 150 in all, past the account's cap of 100.
            for (int guess = 0; guess < 5; guess++) {
                Http.post(suite.url("LIFELINE_IDENTITY_URL") + "/api/v1/authentications",
                        Map.of("identifier", identifier, "password", "guess-" + guess),
                        Map.of("X-Forwarded-For", stranger.address()));
            }
        }
        // On the stranger's own recoveries (not the first, which the owner cancels): wrong email codes until the
        // challenge closes, wrong recovery codes, wrong identity facts.
        StartedRecovery guessed = started.get(1);
        for (int guess = 0; guess < 5; guess++) {
            email.confirm(guessed, String.format("%06d", guess));
            identity.useRecoveryCode(guessed, "7K3M-9QXD-2HVA-R8TN-4FPW-JC6" + guess);
        }
        StartedRecovery evidenced = started.get(2);
        kyc.awaitOpenCheck(evidenced);
        for (int guess = 0; guess < 3; guess++) {
            kyc.submit(evidenced, KycApi.wrongEvidence(stranger));
        }
        return started;
    }

    /**
     * Confirms the owner's own code. Every stranger started before the owner, so in any mail that carries the owner's
     * code it comes first (a digest lists the newest first); a mail of only strangers' codes, deferred and sent after
     * the owner's start, costs one wrong attempt of the five. Each new mail's first code is tried in turn.
     */
    private static void confirmOwnCode(StartedRecovery own, int mailsBefore) {
        int tried = mailsBefore;
        for (int attempt = 0; attempt < 4; attempt++) {
            int seen = tried;
            List<String> mails = await("a code mail after the owner's start").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> suite.mailsTo(own.owner().email()), all -> firstCodeAfter(all, seen) >= 0);
            int index = firstCodeAfter(mails, seen);
            Matcher code = CODE.matcher(mails.get(index));
            assertThat(code.find()).isTrue();
            if (email.confirm(own, code.group(1)).status() == 200) {
                return;
            }
            tried = index + 1;
        }
        throw new AssertionError("no code mailed after the owner's start confirmed the owner's recovery");
    }

    /** The index of the first mail from {@code from} on that carries a code, or -1. */
    private static int firstCodeAfter(List<String> mails, int from) {
        for (int i = from; i < mails.size(); i++) {
            if (CODE.matcher(mails.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }
}
