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
    void acceptsTellsWhetherSomethingListens() throws IOException {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertThat(Ports.accepts(port)).isTrue();
        }
        assertThat(Ports.accepts(port)).isFalse();
    }
}
