package dev.lifeline.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/** TCP ports on this machine: the preferred one if free, else any free one; {@link Held} keeps picked ones bound. */
public final class Ports {

    private Ports() {
    }

    /**
     * {@code preferred} if nothing listens on it, else a free port; in that case says so on {@code out}, e.g.
     * "port 8081 is taken; identity-service listens on 41733".
     */
    public static int preferredOrFree(int preferred, String who, PrintStream out) {
        try (Held held = new Held(out)) {
            return held.preferredOrFree(preferred, who);
        }
    }

    /** A port the operating system reports free right now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    /** {@code count} different free ports (held open together while they are picked, so none repeats). */
    public static int[] free(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    closeQuietly(socket);
                }
            }
        }
    }

    /** Whether a server could bind {@code port} on all interfaces (and so on 127.0.0.1). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
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

    /**
     * Ports picked and held bound until their component is about to bind them: a port that is merely free when it is
     * picked can be taken by someone else (another suite starting at the same moment) before its component starts,
     * and ports picked one by one can repeat. Holding each one closes both gaps but the instant between
     * {@link #release} and the component's own bind.
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

        /** A free port, different from every one held here. */
        public synchronized int any() {
            ServerSocket socket = bind(0);
            if (socket == null) {
                throw new UncheckedIOException(new IOException("no free TCP port"));
            }
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

        /** Bound on all interfaces, as {@link #isFree} checks; null when something else has the port. */
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
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot lose anything
        }
    }
}
