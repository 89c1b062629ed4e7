package dev.lifeline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * TCP ports on this machine: the preferred one if free, else one picked at random from the {@link Band} below the
 * operating system's ephemeral range; {@link Held} keeps picked ones bound until their component binds them.
 *
 * <p>Not {@code new ServerSocket(0)}: that hands out a port from the ephemeral range, the range the kernel also takes
 * the local port of every outgoing connection from. Between the pick and the component's own bind, any connection
 * made on this machine — a Kafka client, a JDBC pool, an HTTP client, above all those of another suite starting at
 * the same moment — may be given that very port, and the component cannot bind it (a CI run lost its broker so:
 * "Unable to start acceptor for CONTROLLER"). The kernel never gives an outgoing connection a port outside the
 * range; only another process picking ports as we do can still take one in that gap, which is what {@link Held}
 * narrows and what {@code up}'s starting a component again on a new port covers.
 */
public final class Ports {

    /**
     * Where the band starts: above the ports a suite prefers (3025, 8025, 8081–8084, 15432, 19092, 19093), so that a
     * picked port never takes one another suite on this machine is about to ask for, and above most servers' defaults.
     */
    static final int BAND_START = 20_000;
    /** Starts of a component on ports of its own: a port taken once is bad luck, three times in a row is not. */
    public static final int STARTS = 3;
    /** Random tries before giving up: a band of thousands of ports is not full after a hundred taken ones. */
    private static final int TRIES = 100;
    private static final Band BAND = Band.outside(EphemeralRange.ofThisMachine());

    private Ports() {
    }

    /**
     * {@code preferred} if nothing listens on it, else a free port; in that case says so on {@code out}, e.g.
     * "port 8081 is taken; identity-service listens on 24733".
     */
    public static int preferredOrFree(int preferred, String who, PrintStream out) {
        try (Held held = new Held(out)) {
            return held.preferredOrFree(preferred, who);
        }
    }

    /** A port from the band that nothing is bound to right now. */
    public static int free() {
        ServerSocket socket = pick();
        closeQuietly(socket);
        return socket.getLocalPort();
    }

    /** {@code count} different free ports (held open together while they are picked, so none repeats). */
    public static int[] free(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = pick();
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    closeQuietly(socket);
                }
            }
        }
    }

    /**
     * {@code start} on {@code count} free ports and, when another process took one before the component could listen
     * on it ({@link PortTakenException}), on new ones: {@value #STARTS} starts at most. For components started on
     * ports that are not {@link Held} (the tests' infrastructure), where that instant lasts as long as a JVM's start.
     */
    public static <T> T onFreePorts(int count, Function<int[], T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.apply(free(count));
            } catch (PortTakenException e) {
                if (attempt == STARTS) {
                    throw e;
                }
            }
        }
    }

    /** Whether a server could bind {@code port} on all interfaces (and so on 127.0.0.1). */
    public static boolean isFree(int port) {
        ServerSocket socket = bind(port);
        if (socket == null) {
            return false;
        }
        closeQuietly(socket);
        return true;
    }

    /** Whether something accepts TCP connections on {@code 127.0.0.1:port}. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The band this machine's ports are picked from; empty where its ephemeral range leaves none. */
    static Optional<Band> band() {
        return Optional.ofNullable(BAND);
    }

    /** A socket bound to a port picked at random from the band, or — without a band — to one the system chooses. */
    private static ServerSocket pick() {
        if (BAND == null) {
            ServerSocket socket = bind(0);
            if (socket == null) {
                throw new UncheckedIOException(new IOException("no free TCP port"));
            }
            return socket;
        }
        for (int i = 0; i < TRIES; i++) {
            ServerSocket socket = bind(BAND.random());
            if (socket != null) {
                return socket;
            }
        }
        throw new UncheckedIOException(new IOException("no free TCP port in " + BAND + " after " + TRIES + " tries"));
    }

    /**
     * Bound (and listening) on all interfaces, as a component's bind on 127.0.0.1 would conflict with it; null when
     * something else has the port. SO_REUSEADDR as the components' own servers have it: a port whose last connections
     * linger in TIME_WAIT is free for them, so it is for us.
     */
    private static ServerSocket bind(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return socket;
        } catch (IOException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            return null;
        }
    }

    /**
     * The range the kernel takes the local ports of outgoing connections from, both ends included: Linux's
     * {@code net.ipv4.ip_local_port_range}.
     */
    public record EphemeralRange(int first, int last) {

        static final Path LINUX_SETTING = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        /** Linux's default, for a Linux whose setting cannot be read. */
        static final EphemeralRange LINUX_DEFAULT = new EphemeralRange(32768, 60999);
        /**
         * Without Linux's setting, a range wide enough for the usual systems: Linux's default start, up to the end of
         * the IANA range that macOS and Windows use (49152–65535).
         */
        static final EphemeralRange ELSEWHERE = new EphemeralRange(32768, 65535);

        public static EphemeralRange ofThisMachine() {
            boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
            return read(LINUX_SETTING).orElse(linux ? LINUX_DEFAULT : ELSEWHERE);
        }

        /** Read to its end: procfs reports a size of 0, and {@code Files.readString}, trusting it, returns "3" of "32768 60999". */
        static Optional<EphemeralRange> read(Path setting) {
            if (!Files.isReadable(setting)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(setting)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** "32768\t60999" as the kernel writes it; empty for anything else. */
        static Optional<EphemeralRange> parse(String setting) {
            String[] ends = setting.trim().split("\\s+");
            try {
                if (ends.length == 2) {
                    int first = Integer.parseInt(ends[0]);
                    int last = Integer.parseInt(ends[1]);
                    if (0 < first && first <= last && last <= 65535) {
                        return Optional.of(new EphemeralRange(first, last));
                    }
                }
            } catch (NumberFormatException e) {
                // not the kernel's format: as if unreadable
            }
            return Optional.empty();
        }

        public boolean contains(int port) {
            return first <= port && port <= last;
        }
    }

    /** The ports picked from, both ends included: all outside the ephemeral range. */
    record Band(int first, int last) {

        /** Fewer ports than this, and two suites starting at once would often try the same ones. */
        static final int MIN_SIZE = 1000;

        /**
         * From {@link #BAND_START} up to just below {@code range}, as on a usual Linux (20000–32767); where the range
         * starts too low for that, the ports above it, else the unprivileged ones below it; null where the range
         * leaves fewer than {@link #MIN_SIZE} ports anywhere (the system then chooses, from its range).
         */
        static Band outside(EphemeralRange range) {
            for (Band band : new Band[] {new Band(BAND_START, range.first() - 1), new Band(range.last() + 1, 65535),
                    new Band(1024, range.first() - 1)}) {
                if (band.size() >= MIN_SIZE) {
                    return band;
                }
            }
            return null;
        }

        int size() {
            return Math.max(0, last - first + 1);
        }

        int random() {
            return first + ThreadLocalRandom.current().nextInt(size());
        }

        boolean contains(int port) {
            return first <= port && port <= last;
        }

        @Override
        public String toString() {
            return first + "–" + last;
        }
    }

    /**
     * Ports picked and held bound until their component is about to bind them: a port that is merely free when it is
     * picked can be taken by someone else (another suite starting at the same moment) before its component starts,
     * and ports picked one by one can repeat. Holding each one closes both gaps but the instant between
     * {@link #release} and the component's own bind — which, outside the ephemeral range, only another picker can use.
     */
    public static final class Held implements AutoCloseable {

        private final PrintStream out;
        private final Map<Integer, ServerSocket> sockets = new LinkedHashMap<>();

        public Held(PrintStream out) {
            this.out = out;
        }

        /** {@code preferred} if it can be bound now, else a free port (said on {@code out}); held either way. */
        public synchronized int preferredOrFree(int preferred, String who) {
            ServerSocket socket = bind(preferred);
            if (socket == null) {
                int port = any();
                out.println("port " + preferred + " is taken; " + who + " listens on " + port);
                return port;
            }
            sockets.put(preferred, socket);
            return preferred;
        }

        /** A free port from the band, different from every one held here. */
        public synchronized int any() {
            ServerSocket socket = pick();
            sockets.put(socket.getLocalPort(), socket);
            return socket.getLocalPort();
        }

        /** Lets go of {@code port}, for the component that binds it next. */
        public synchronized void release(int port) {
            ServerSocket socket = sockets.remove(port);
            if (socket != null) {
                closeQuietly(socket);
            }
        }

        /** Lets go of every port still held (those of components that never started). */
        @Override
        public synchronized void close() {
            sockets.values().forEach(Ports::closeQuietly);
            sockets.clear();
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot lose anything
        }
    }
}
