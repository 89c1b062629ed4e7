package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.Ports;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `up --instances 2` on one suite of stand-in services: names, ports, environment, `env`, and one instance's stop. */
class InstancesTest {

    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    private static StandInSuite suite;

    @BeforeAll
    static void up() {
        suite = new StandInSuite();
        suite.up("--ephemeral", "--instances", "2");
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyServiceRunsTwiceUnderNumberedNames() {
        assertThat(suite.state().components()).extracting(RunState.Component::name).contains(
                "identity-service", "identity-service-2", "email-verification-service", "email-verification-service-2",
                "kyc-service", "kyc-service-2", "notification-service", "notification-service-2");
        assertThat(suite.run("status")).as(suite.output()).isZero();
        assertThat(suite.output()).containsPattern("identity-service +\\d+ +UP +http://127.0.0.1:\\d+")
                .containsPattern("identity-service-2 +\\d+ +UP +http://127.0.0.1:\\d+");
    }

    @Test
    void everyComponentListensOnAPortOfItsOwn() {
        List<Integer> ports = suite.state().components().stream()
                .map(component -> component.address().replaceAll(".*:", ""))
                .map(Integer::parseInt).toList();

        assertThat(ports).hasSize(11).doesNotHaveDuplicates();
    }

    @Test
    void everyPortOfTheSuiteLiesOutsideTheEphemeralRange() {
        Ports.EphemeralRange ephemeral = Ports.EphemeralRange.ofThisMachine();
        List<Integer> ports = suite.state().components().stream()
                .flatMap(component -> PORT.matcher(component.address() + " " + component.detail()).results())
                .map(port -> Integer.parseInt(port.group(1))).toList();

        assertThat(ports).hasSize(13) // with the broker's controller and the mail API
                .allSatisfy(port -> assertThat(ephemeral.contains(port)).as("%d in %s", port, ephemeral).isFalse());
    }

    @Test
    void envListsEveryInstanceAndNamesTheFirstAsTheServicesUrl() throws Exception {
        Map<String, String> env = env();

        for (LifelineService service : LifelineService.values()) {
            List<String> urls = Arrays.asList(env.get(service.envPrefix + "_URLS").split(","));
            assertThat(urls).hasSize(2).doesNotHaveDuplicates().startsWith(env.get(service.envPrefix + "_URL"));
        }
    }

    @Test
    void instancesOfAServiceShareItsDatabaseAndBrokerOnPortsOfTheirOwn() throws Exception {
        List<String> urls = Arrays.asList(env().get("LIFELINE_KYC_URLS").split(","));
        Map<String, String> first = settingsAt(urls.get(0));
        Map<String, String> second = settingsAt(urls.get(1));

        assertThat(second.get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/kyc").isEqualTo(first.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertThat(second.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(first.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(first.get("QUARKUS_HTTP_PORT")).isEqualTo(Integer.toString(URI.create(urls.get(0)).getPort()));
        assertThat(second.get("QUARKUS_HTTP_PORT")).isEqualTo(Integer.toString(URI.create(urls.get(1)).getPort()));
    }

    @Test
    void killedSecondInstanceLeavesTheFirstRunningAndStartsAgain() {
        RunState.Component first = suite.state().component("notification-service").orElseThrow();
        RunState.Component second = suite.state().component("notification-service-2").orElseThrow();

        assertThat(suite.run("stop", "notification-service-2", "--kill")).as(suite.output()).isZero();
        assertThat(second.process()).isEmpty();
        assertThat(first.process()).isPresent();
        assertThat(suite.run("start", "notification-service-2")).as(suite.output()).isZero();

        assertThat(suite.run("status")).as(suite.output()).isZero();
    }

    private static Map<String, String> env() {
        int from = suite.output().length();
        assertThat(suite.run("env")).as(suite.output()).isZero();
        return suite.output().substring(from).lines()
                .filter(line -> line.startsWith("export "))
                .map(line -> line.substring("export ".length()).split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1].replace("'", "")));
    }

    /** What the stand-in at {@code url} was started with, by name. */
    private static Map<String, String> settingsAt(String url) throws Exception {
        return suite.environmentAt(url).lines().map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
