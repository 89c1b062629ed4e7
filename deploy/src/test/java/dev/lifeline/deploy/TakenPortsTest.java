package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code up} does when a port it picked is taken after all, between its release and the component's bind — as
 * the CI run that lost its broker ("Unable to start acceptor for CONTROLLER") saw: one suite in which a port of each
 * kind of component is taken at that instant, and every one starts again on another instead of failing {@code up}.
 */
class TakenPortsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StandInSuite suite;
    private static Thief thief;
    private static int exitCode;

    @BeforeAll
    static void upWhileAThiefTakesPorts() {
        // The broker's controller port (the CI failure), the database's, GreenMail's API port (GreenMail lives on
        // without it, so only its log tells) and the first identity-service's, whose address the others are given.
        thief = new Thief(Map.of("kafka", 1, "postgresql", 0, "mail", 1, "identity-service", 0));
        suite = new StandInSuite();
        exitCode = suite.upEphemeral(thief);
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
        if (thief != null) {
            thief.close();
        }
    }

    @Test
    void upSucceedsWithEveryComponentUp() {
        assertThat(thief.taken).containsOnlyKeys("kafka", "postgresql", "mail", "identity-service");
        assertThat(exitCode).as(suite.output()).isZero();
        assertThat(suite.run("status")).as(suite.output()).isZero();
    }

    @Test
    void upSaysWhichComponentsItStartedAgain() {
        for (String component : List.of("kafka", "postgresql", "mail", "identity-service")) {
            assertThat(suite.output()).contains(component + " could not listen on its port: another process took it; "
                    + "starting it again on ");
        }
    }

    @Test
    void brokerWhoseControllerPortWasTakenRunsOnOthers() throws Exception {
        RunState.Component kafka = suite.state().component("kafka").orElseThrow();

        assertThat(kafka.detail()).doesNotContain("controller 127.0.0.1:" + thief.taken.get("kafka") + ",");
        DurableDataTest.produce(suite.bootstrapServers(), "test-" + UUID.randomUUID(), "recovery-1", "delivered");
    }

    @Test
    void databaseWhosePortWasTakenRunsOnAnother() throws Exception {
        assertThat(suite.state().get("db.port")).isNotEqualTo(Integer.toString(thief.taken.get("postgresql")));
        try (Connection db = suite.database("identity")) {
            assertThat(db.isValid(5)).isTrue();
        }
    }

    @Test
    void mailServerWhoseApiPortWasTakenRunsOnOthers() throws Exception {
        String api = suite.state().get("mail.apiUrl");

        assertThat(URI.create(api).getPort()).isNotEqualTo(thief.taken.get("mail"));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/service/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void serviceWhosePortWasTakenRunsOnAnother() throws Exception {
        String url = suite.state().get("service.identity-service.url");

        assertThat(URI.create(url).getPort()).isNotEqualTo(thief.taken.get("identity-service"));
        assertThat(suite.environmentOf(LifelineService.IDENTITY)).contains("QUARKUS_HTTP_PORT=" + URI.create(url).getPort());
    }

    @Test
    void servicesGivenTheMovedAddressRunWithTheNewOne() throws Exception {
        String identity = suite.state().get("service.identity-service.url");

        assertThat(suite.environmentOf(LifelineService.EMAIL_VERIFICATION))
                .contains("LIFELINE_LINKS_RECOVERY_CANCEL=" + identity + "/recovery/cancel");
        assertThat(suite.environmentOf(LifelineService.NOTIFICATION))
                .contains("LIFELINE_LINKS_RECOVERY_CANCEL=" + identity + "/recovery/cancel");
    }

    /**
     * Takes the first port released to each component it is after, at the instant another process starting on this
     * machine could, and keeps it: {@code targets} names each component and which of its ports to take.
     */
    private static final class Thief implements BiConsumer<String, int[]>, AutoCloseable {

        private final Map<String, Integer> targets;
        final Map<String, Integer> taken = new HashMap<>();
        private final List<ServerSocket> sockets = new ArrayList<>();

        Thief(Map<String, Integer> targets) {
            this.targets = targets;
        }

        @Override
        public synchronized void accept(String component, int[] ports) {
            Integer index = targets.get(component);
            if (index == null || taken.containsKey(component)) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[index]));
            } catch (java.net.BindException alreadyTaken) {
                // Another process on this machine (a build running beside this one) took it first: taken all the same.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            taken.put(component, ports[index]);
        }

        @Override
        public synchronized void close() {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the test is over
                }
            }
        }
    }
}
