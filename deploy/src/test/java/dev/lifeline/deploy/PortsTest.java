package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PortsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void preferredPortIsUsedWhenFree() {
        int free = Ports.free();

        assertThat(Ports.preferredOrFree(free, "identity-service", out)).isEqualTo(free);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void takenPreferredPortFallsBackToAFreeOneAndSaysSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = Ports.preferredOrFree(taken.getLocalPort(), "identity-service", out);

            assertThat(port).isNotEqualTo(taken.getLocalPort());
            assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "port " + taken.getLocalPort() + " is taken; identity-service listens on " + port + System.lineSeparator());
        }
    }

    @Test
    void portsPickedTogetherAreDistinct() {
        int[] ports = Ports.free(8);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(8);
    }

    @Test
    void aHeldPortStaysTakenUntilItIsReleased() {
        try (Ports.Held held = new Ports.Held(out)) {
            int port = held.any();

            assertThat(Ports.isFree(port)).isFalse();
            held.release(port);
            assertThat(Ports.isFree(port)).isTrue();
        }
    }

    @Test
    void aPortOneLauncherHoldsIsNotPickedByAnother() {
        try (Ports.Held first = new Ports.Held(out); Ports.Held second = new Ports.Held(out)) {
            int port = first.preferredOrFree(Ports.free(), "identity-service");

            int other = second.preferredOrFree(port, "identity-service");

            assertThat(other).isNotEqualTo(port);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("port " + port + " is taken");
        }
    }

    @Test
    void portsHeldTogetherAreDistinctAndAllFreedAtClose() {
        int[] ports = new int[8];
        try (Ports.Held held = new Ports.Held(out)) {
            ports[0] = held.preferredOrFree(Ports.free(), "kafka");
            ports[1] = held.preferredOrFree(ports[0], "identity-service"); // the same preference: another port
            for (int i = 2; i < ports.length; i++) {
                ports[i] = held.any();
            }
        }

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(8);
        assertThat(Arrays.stream(ports).allMatch(Ports::isFree)).isTrue();
    }

    @Test
    void acceptsTellsWhetherSomethingListens() throws IOException {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertThat(Ports.accepts(port)).isTrue();
        }
        assertThat(Ports.accepts(port)).isFalse();
    }
}
