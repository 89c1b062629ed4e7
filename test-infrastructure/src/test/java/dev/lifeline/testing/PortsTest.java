package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @TempDir
    Path dir;

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
    void freePortsLieInTheBandOutsideTheEphemeralRange() {
        Ports.EphemeralRange ephemeral = Ports.EphemeralRange.ofThisMachine();
        Ports.Band band = Ports.band().orElseThrow();

        List<Integer> ports = IntStream.concat(Arrays.stream(Ports.free(40)), IntStream.generate(Ports::free).limit(10))
                .boxed().toList();

        assertThat(ports).allSatisfy(port -> assertThat(ephemeral.contains(port)).as("%d in %s", port, ephemeral).isFalse())
                .allSatisfy(port -> assertThat(band.contains(port)).as("%d in %s", port, band).isTrue());
    }

    @Test
    void aPortTakenInsteadOfThePreferredOneLiesOutsideTheEphemeralRange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = Ports.preferredOrFree(taken.getLocalPort(), "kafka", out);

            assertThat(Ports.EphemeralRange.ofThisMachine().contains(port)).as("%d", port).isFalse();
        }
    }

    @Test
    void heldPortsLieOutsideTheEphemeralRange() {
        try (Ports.Held held = new Ports.Held(out)) {
            List<Integer> ports = IntStream.generate(held::any).limit(20).boxed().toList();

            assertThat(ports).noneMatch(Ports.EphemeralRange.ofThisMachine()::contains);
        }
    }

    @Test
    void kernelSettingIsReadAsTheRangesTwoEnds() {
        assertThat(Ports.EphemeralRange.parse("32768\t60999\n")).contains(new Ports.EphemeralRange(32768, 60999));
    }

    @Test
    void settingThatIsNotTwoPortsIsNotARange() {
        assertThat(Ports.EphemeralRange.parse("")).isEmpty();
        assertThat(Ports.EphemeralRange.parse("32768")).isEmpty();
        assertThat(Ports.EphemeralRange.parse("60999 32768")).isEmpty();
        assertThat(Ports.EphemeralRange.parse("32768 70000")).isEmpty();
        assertThat(Ports.EphemeralRange.parse("low high")).isEmpty();
    }

    @Test
    void kernelsOwnSettingIsRead() {
        assertThat(Ports.EphemeralRange.read(Ports.EphemeralRange.LINUX_SETTING)).isPresent();
    }

    @Test
    void missingSettingIsNoRange() {
        assertThat(Ports.EphemeralRange.read(Path.of("/nonexistent/ip_local_port_range"))).isEmpty();
    }

    @Test
    void bandOfAUsualLinuxRunsFromTwentyThousandToJustBelowTheRange() {
        assertThat(Ports.Band.outside(new Ports.EphemeralRange(32768, 60999))).isEqualTo(new Ports.Band(20000, 32767));
    }

    @Test
    void bandOfARangeStartingBelowTwentyThousandLiesAboveIt() {
        assertThat(Ports.Band.outside(new Ports.EphemeralRange(15000, 40000))).isEqualTo(new Ports.Band(40001, 65535));
    }

    @Test
    void bandOfARangeReachingTheTopStartsAtTheUnprivilegedPorts() {
        assertThat(Ports.Band.outside(new Ports.EphemeralRange(10000, 65535))).isEqualTo(new Ports.Band(1024, 9999));
    }

    @Test
    void rangeOfNearlyEveryPortLeavesNoBand() {
        assertThat(Ports.Band.outside(new Ports.EphemeralRange(1024, 65535))).isNull();
    }

    @Test
    void startThatFoundItsPortTakenRunsAgainOnFreePorts() {
        List<int[]> tried = new ArrayList<>();

        String started = Ports.onFreePorts(2, ports -> {
            tried.add(ports);
            if (tried.size() == 1) {
                throw new PortTakenException("taken", exited());
            }
            return "started";
        });

        assertThat(started).isEqualTo("started");
        assertThat(tried).hasSize(2).allSatisfy(ports -> assertThat(ports).hasSize(2));
    }

    @Test
    void startThatFindsItsPortTakenThreeTimesFails() {
        List<int[]> tried = new ArrayList<>();

        assertThatThrownBy(() -> Ports.onFreePorts(1, ports -> {
            tried.add(ports);
            throw new PortTakenException("taken", exited());
        })).isInstanceOf(PortTakenException.class);
        assertThat(tried).hasSize(3);
    }

    @Test
    void startThatFailsForAnotherReasonIsNotTriedAgain() {
        List<int[]> tried = new ArrayList<>();

        assertThatThrownBy(() -> Ports.onFreePorts(1, ports -> {
            tried.add(ports);
            throw new IllegalStateException("no such file");
        })).hasMessage("no such file");
        assertThat(tried).hasSize(1);
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

    /** The process a failed start leaves: one that has exited. */
    private ChildProcess exited() {
        ChildProcess process = ChildProcess.start("sh", List.of("true"), Map.of(), dir, dir.resolve("sh.log"), false);
        process.awaitExit(Duration.ofSeconds(10));
        return process;
    }
}
