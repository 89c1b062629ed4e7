package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.ChildProcess;
import dev.lifeline.testing.DevTokens;
import dev.lifeline.testing.Ports;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a throwaway repository directory; `up` itself is verified by hand (it needs the services' jars). */
class LifelineTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private ChildProcess sleeper;

    @AfterEach
    void stopSleeper() {
        if (sleeper != null) {
            sleeper.stop(Duration.ZERO);
        }
    }

    @Test
    void noArgumentsPrintUsageAndExitWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).startsWith("usage: deploy/lifeline <command>");
    }

    @Test
    void lifelinePortsAnyTakesFreePortsAndOnlyWellKnownOrNothingKeepsTheWellKnownOnes() {
        assertThat(Lifeline.wellKnownPorts("any")).contains(false);
        assertThat(Lifeline.wellKnownPorts(null)).contains(true);
        assertThat(Lifeline.wellKnownPorts("")).contains(true);
        assertThat(Lifeline.wellKnownPorts("well-known")).contains(true);
        assertThat(Lifeline.wellKnownPorts("8081")).isEmpty();
    }

    @Test
    void unknownCommandPrintsUsageAndExitsWith2() {
        assertThat(run("restart")).isEqualTo(2);
        assertThat(err()).startsWith("usage:");
    }

    @Test
    void unknownOptionOfUpIsAUsageError() {
        assertThat(run("up", "--detach")).isEqualTo(2);
    }

    @Test
    void repeatedOptionOfUpIsAUsageError() {
        assertThat(run("up", "--ephemeral", "--ephemeral")).isEqualTo(2);
    }

    @Test
    void zeroInstancesIsAUsageError() {
        assertThat(run("up", "--instances", "0")).isEqualTo(2);
        assertThat(err()).startsWith("lifeline: --instances takes a number from 1 to 4, not '0'\nusage:");
    }

    @Test
    void instancesThatAreNotANumberAreAUsageError() {
        assertThat(run("up", "--ephemeral", "--instances", "x")).isEqualTo(2);
        assertThat(err()).startsWith("lifeline: --instances takes a number from 1 to 4, not 'x'\nusage:");
    }

    @Test
    void moreThanFourInstancesAreAUsageError() {
        assertThat(run("up", "--instances", "5")).isEqualTo(2);
        assertThat(err()).startsWith("lifeline: --instances takes a number from 1 to 4, not '5'\nusage:");
    }

    @Test
    void instancesWithoutANumberAreAUsageError() {
        assertThat(run("up", "--instances")).isEqualTo(2);
        assertThat(err()).startsWith("lifeline: --instances takes a number from 1 to 4\nusage:");
    }

    @Test
    void upOptionsCombineInAnyOrder() {
        assertThat(Lifeline.UpOptions.parse(List.of("--instances", "3", "--foreground", "--ephemeral")))
                .contains(new Lifeline.UpOptions(true, true, 3));
        assertThat(Lifeline.UpOptions.parse(List.of())).contains(new Lifeline.UpOptions(false, false, 1));
        assertThat(Lifeline.UpOptions.parse(List.of("--instances", "2", "--instances", "2"))).isEmpty();
    }

    @Test
    void furtherInstancesAreNamedAfterTheirServiceAndNumber() {
        assertThat(LifelineService.KYC.instance(1)).isEqualTo("kyc-service");
        assertThat(LifelineService.KYC.instance(2)).isEqualTo("kyc-service-2");
        assertThat(SuiteLauncher.COMPONENTS_WITH_INSTANCES).containsSubsequence("mail", "identity-service",
                "identity-service-2", "identity-service-3", "identity-service-4", "email-verification-service");
    }

    @Test
    void stopOfAnInstanceTheRunDoesNotHaveSaysSoAndFails() {
        recordRunningService();

        assertThat(run("stop", "identity-service-2")).isEqualTo(1);
        assertThat(err()).contains("this run has no identity-service-2");
    }

    @Test
    void stopOfAFifthInstanceIsAnUnknownComponent() {
        assertThat(run("stop", "identity-service-5")).isEqualTo(2);
        assertThat(err()).contains("unknown component 'identity-service-5'");
    }

    @Test
    void stopOfAnUnknownComponentNamesTheComponents() {
        assertThat(run("stop", "gateway")).isEqualTo(2);
        assertThat(err()).contains("unknown component 'gateway'; use one of kafka, postgresql, mail, identity-service, "
                + "email-verification-service, kyc-service, notification-service").contains("usage:");
    }

    @Test
    void stopWithAnUnknownOptionIsAUsageError() {
        assertThat(run("stop", "kafka", "--force")).isEqualTo(2);
    }

    @Test
    void startWithNothingRunningFails() {
        assertThat(run("start", "kafka")).isEqualTo(1);
        assertThat(err()).contains("not running");
    }

    @Test
    void startOfARunningComponentSaysSoAndFails() {
        recordRunningService();

        assertThat(run("start", "identity-service")).isEqualTo(1);
        assertThat(err()).contains("identity-service is already running (pid " + sleeper.pid() + ")");
    }

    @Test
    void stopOfAComponentThatIsNotRunningSaysSoAndFails() {
        recordRunningService();
        sleeper.stop(Duration.ZERO);

        assertThat(run("stop", "identity-service")).isEqualTo(1);
        assertThat(err()).contains("identity-service is not running");
    }

    @Test
    void stopKillsAServiceWithKillAndKeepsTheRun() {
        recordRunningService();

        assertThat(run("stop", "identity-service", "--kill")).isZero();

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(out()).contains("killed identity-service (pid " + sleeper.pid() + ")");
        assertThat(new RunDirectory(repo).stateFile()).exists();
    }

    @Test
    void statusJsonWithNothingRunningIsNotUpAndFails() {
        assertThat(run("status", "--json")).isEqualTo(1);
        assertThat(out()).isEqualTo("{\n  \"up\": false,\n  \"components\": []\n}\n");
    }

    @Test
    void statusJsonGivesEachComponentsPidAddressAndHealth() {
        recordRunningService();
        String address = RunState.read(new RunDirectory(repo).stateFile()).orElseThrow().components().get(0).address();

        assertThat(run("status", "--json")).isEqualTo(1);
        assertThat(out()).startsWith("{\n  \"up\": false,\n  \"components\": [\n").contains(
                "{\"component\": \"identity-service\", \"pid\": " + sleeper.pid() + ", \"address\": \"" + address
                        + "\", \"detail\": \"\", \"health\": \"no answer\", \"up\": false}");
    }

    @Test
    void statusJsonGivesNoPidForAComponentThatIsNotRunning() {
        recordRunningService();
        sleeper.stop(Duration.ZERO);

        assertThat(run("status", "--json")).isEqualTo(1);
        assertThat(out()).contains("\"pid\": null").contains("\"health\": \"not running\"");
    }

    @Test
    void wipeRefusesWhileTheSuiteRuns() throws Exception {
        Path data = Files.createDirectories(new RunDirectory(repo).data().resolve("postgresql"));
        recordRunningService();

        assertThat(run("wipe")).isEqualTo(1);
        assertThat(err()).contains("running");
        assertThat(data).exists();
    }

    @Test
    void wipeDeletesTheKeptData() throws Exception {
        Files.createDirectories(new RunDirectory(repo).data().resolve("kafka"));

        assertThat(run("wipe")).isZero();
        assertThat(new RunDirectory(repo).data()).doesNotExist();
    }

    @Test
    void downWithNothingRunningSaysSoAndSucceeds() {
        assertThat(run("down")).isZero();
        assertThat(out()).isEqualTo("Lifeline is not running; nothing to stop.\n");
    }

    @Test
    void statusWithNothingRunningFails() {
        assertThat(run("status")).isEqualTo(1);
        assertThat(out()).contains("not running");
    }

    @Test
    void envWithNothingRunningPrintsNothingToEvaluate() {
        assertThat(run("env")).isEqualTo(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void tokenForAnUnknownRoleIsAUsageError() {
        assertThat(run("token", "root", "alice")).isEqualTo(2);
        assertThat(err()).contains("unknown role 'root'");
    }

    @Test
    void upWithoutBuiltServicesSaysHowToBuildThem() {
        assertThat(run("up")).isEqualTo(1);
        assertThat(err()).contains("not built yet").contains("./mvnw -B -DskipTests install");
    }

    @Test
    void upRefusesWhileASuiteIsRunning() {
        recordRunningService();

        assertThat(run("up")).isEqualTo(1);
        assertThat(err()).contains("already running");
    }

    @Test
    void statusShowsEachComponentAndFailsWhenAServiceIsNotReady() {
        recordRunningService();

        assertThat(run("status")).isEqualTo(1);
        assertThat(out()).containsPattern("identity-service +" + sleeper.pid() + " +no answer +http://127.0.0.1:");
    }

    @Test
    void envExportsTheEndpointsOfTheRun() {
        RunState state = stateWithEndpoints();
        state.save();

        assertThat(run("env")).isZero();
        assertThat(out()).contains(
                "export KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:19092'\n",
                "export LIFELINE_IDENTITY_URL='http://127.0.0.1:8081'\n",
                "export LIFELINE_IDENTITY_URLS='http://127.0.0.1:8081'\n",
                "export LIFELINE_NOTIFICATION_URL='http://127.0.0.1:8084'\n",
                "export LIFELINE_MAIL_API_URL='http://127.0.0.1:8025'\n",
                "export LIFELINE_SMTP_PORT='3025'\n",
                "export LIFELINE_EMAIL_VERIFICATION_JDBC_URL='jdbc:postgresql://127.0.0.1:15432/email_verification'\n",
                "export LIFELINE_DB_USERNAME='lifeline'\n",
                "export LIFELINE_DB_PASSWORD='pa'\\''ss'\n");
    }

    @Test
    void demoWithNothingRunningSaysSoAndPrintsNothingToEvaluate() {
        assertThat(run("demo")).isEqualTo(1);
        assertThat(err()).contains("Lifeline is not running; start it with deploy/lifeline up");
        assertThat(out()).isEmpty();
    }

    @Test
    void demoTakesNoArguments() {
        assertThat(run("demo", "alice")).isEqualTo(2);
        assertThat(err()).startsWith("usage:").contains("demo ");
    }

    @Test
    void demoWhenIdentityServiceDoesNotAnswerNamesItAndFails() {
        RunState state = stateWithEndpoints().put("service.identity-service.url", "http://127.0.0.1:" + Ports.free());
        DevTokens.generate(new RunDirectory(repo).keys());
        state.save();

        assertThat(run("demo")).isEqualTo(1);
        assertThat(err()).contains("lifeline: identity-service does not answer at http://127.0.0.1:");
        assertThat(out()).isEmpty();
    }

    @Test
    void envExportsEveryInstancesUrlBesideTheFirstOne() {
        RunState state = stateWithEndpoints()
                .put("service.kyc-service.urls", "http://127.0.0.1:8083,http://127.0.0.1:41001");
        state.save();

        assertThat(run("env")).isZero();
        assertThat(out()).contains("export LIFELINE_KYC_URL='http://127.0.0.1:8083'\n",
                "export LIFELINE_KYC_URLS='http://127.0.0.1:8083,http://127.0.0.1:41001'\n");
    }

    @Test
    void tokenIsSignedWithTheKeyOfTheRun() throws Exception {
        RunState state = stateWithEndpoints();
        DevTokens tokens = DevTokens.generate(new RunDirectory(repo).keys());
        state.save();

        assertThat(run("token", "admin", "alice")).isZero();

        String[] parts = out().strip().split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(tokens.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void downStopsTheRecordedProcessesAndForgetsTheRun() {
        recordRunningService();

        assertThat(run("down")).isZero();

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(new RunDirectory(repo).stateFile()).doesNotExist();
        assertThat(out()).contains("stopped identity-service (pid " + sleeper.pid() + ") in ");
    }

    @Test
    void downDeletesTheThrowawayDataOfProcessesThatAreGone() throws Exception {
        Path data = Files.createDirectories(repo.resolve("kafka-data"));
        sleeper = ChildProcess.start("kafka", List.of("sleep", "30"), Map.of(), repo, repo.resolve("kafka.log"), false);
        RunState state = RunState.create(new RunDirectory(repo).stateFile());
        state.addComponent(sleeper, RunState.Kind.KAFKA, data, "127.0.0.1:19092");
        sleeper.stop(Duration.ZERO);

        assertThat(run("down")).isZero();
        assertThat(data).doesNotExist();
    }

    private void recordRunningService() {
        sleeper = ChildProcess.start("identity-service", List.of("sleep", "30"), Map.of(), repo,
                repo.resolve("identity-service.log"), false);
        RunState.create(new RunDirectory(repo).stateFile())
                .addComponent(sleeper, RunState.Kind.SERVICE, null, "http://127.0.0.1:" + Ports.free());
    }

    private RunState stateWithEndpoints() {
        RunState state = RunState.create(new RunDirectory(repo).stateFile())
                .put("kafka.bootstrapServers", "127.0.0.1:19092")
                .put("db.port", "15432")
                .put("db.username", "lifeline")
                .put("db.password", "pa'ss")
                .put("mail.smtpPort", "3025")
                .put("mail.apiUrl", "http://127.0.0.1:8025")
                .put("keys.dir", new RunDirectory(repo).keys().toString());
        for (LifelineService service : LifelineService.values()) {
            state.put("service." + service.artifact + ".url", "http://127.0.0.1:" + service.preferredPort);
        }
        return state;
    }

    private int run(String... args) {
        return new Lifeline(repo, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
