package dev.lifeline.e2e;

import dev.lifeline.testing.DevTokens;
import dev.lifeline.testing.Mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A suite {@code deploy/lifeline up} started for a test class (or for several: {@link SharedSuite}), with what its
 * users hold: the endpoints ({@code deploy/lifeline env}), bearer tokens signed with the run's own key, the mailbox
 * and the topics.
 */
final class Suite implements AutoCloseable {

    private final Launcher launcher;
    private final Map<String, String> env;
    private final DevTokens tokens;

    private Suite(Launcher launcher, Map<String, String> env, DevTokens tokens) {
        this.launcher = launcher;
        this.env = env;
        this.tokens = tokens;
    }

    /**
     * @param owner       whose suite it is: its run directory is {@code target/lifeline-run/OWNER}, apart from the
     *                    suites other classes run at the same time
     * @param environment what the launcher passes on to the services, e.g. {@code LIFELINE_RECOVERY_COOLING_OFF}
     */
    static Suite up(Class<?> owner, Map<String, String> environment) {
        return up(owner, environment, List.of());
    }

    /** @param options further options of {@code up --ephemeral}, e.g. {@code --instances 2} */
    static Suite up(Class<?> owner, Map<String, String> environment, List<String> options) {
        Launcher launcher = new Launcher(owner.getSimpleName(), environment);
        List<String> up = new ArrayList<>(List.of("up", "--ephemeral"));
        up.addAll(options);
        Launcher.Result started = launcher.run(Duration.ofMinutes(5), up.toArray(String[]::new));
        assertThat(started.exitCode()).as("deploy/lifeline %s:\n%s", String.join(" ", up), started.output()).isZero();
        // The same key pair `deploy/lifeline token` signs with: the one the launched services verify with.
        return new Suite(launcher, launcher.env(), DevTokens.load(launcher.runDir().resolve("keys")));
    }

    String url(String variable) {
        String url = env.get(variable);
        assertThat(url).as("deploy/lifeline env: %s", variable).isNotBlank();
        return url;
    }

    /** Runs launcher commands and scripts on this suite (its run directory). */
    Launcher launcher() {
        return launcher;
    }

    /** Every instance's URL, the first one's first: e.g. {@code LIFELINE_IDENTITY_URLS} of {@code up --instances}. */
    List<String> urls(String variable) {
        return List.of(url(variable).split(","));
    }

    /** Another {@code deploy/lifeline} command on this suite, e.g. {@code stop identity-service-2 --kill}; it must succeed. */
    Launcher.Result run(String... arguments) {
        Launcher.Result result = launcher.run(Duration.ofMinutes(3), arguments);
        assertThat(result.exitCode()).as("deploy/lifeline %s:\n%s", String.join(" ", arguments), result.output())
                .isZero();
        return result;
    }

    String token(String role, String subject) {
        return tokens.sign(role, subject);
    }

    IdentityApi identity() {
        return new IdentityApi(url("LIFELINE_IDENTITY_URL"), this);
    }

    EmailVerificationApi emailVerification() {
        return new EmailVerificationApi(url("LIFELINE_EMAIL_VERIFICATION_URL"), this);
    }

    KycApi kyc() {
        return new KycApi(url("LIFELINE_KYC_URL"), this);
    }

    AuditTopics topics() {
        return new AuditTopics(url("KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** The decoded text parts of the mails the suite's GreenMail holds for the address, oldest first. */
    List<String> mailsTo(String address) {
        return mails(address).stream().map(Mailbox.Mail::text).toList();
    }

    /** The mails the suite's GreenMail holds for the address, oldest first. */
    List<Mailbox.Mail> mails(String address) {
        return Mailbox.of(url("LIFELINE_MAIL_API_URL"), address);
    }

    /** Waits until a mail to the address contains {@code text}, and returns that mail. */
    String awaitMail(String address, String text) {
        return await("a mail to " + address + " saying \"" + text + "\"").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> mailsTo(address).stream().filter(mail -> mail.contains(text)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** {@code deploy/lifeline down}, then waits until every process the run recorded is gone. */
    @Override
    public void close() {
        List<Long> pids = launcher.recordedPids();
        Launcher.Result down = launcher.run(Duration.ofMinutes(2), "down");
        assertThat(down.exitCode()).as("deploy/lifeline down:\n%s", down.output()).isZero();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pids).allSatisfy(pid ->
                assertThat(isRunning(pid)).as("process %d", pid).isFalse()));
    }

    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z"); // a zombie is gone, init reaps it
        } catch (IOException gone) {
            return false;
        }
    }
}
