package dev.lifeline.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

/** TCP ports on this machine: the preferred one if free, else any free one. */
public final class Ports {

    private Ports() {
    }

    /**
     * {@code preferred} if nothing listens on it, else a free port; in that case says so on {@code out}, e.g.
     * "port 8081 is taken; identity-service listens on 41733".
     */
    public static int preferredOrFree(int preferred, String who, PrintStream out) {
        return preferredOrFree(preferred, who, out, Set.of());
    }

    /** As {@link #preferredOrFree(int, String, PrintStream)}, never one of {@code chosen} (ports picked but not bound yet). */
    public static int preferredOrFree(int preferred, String who, PrintStream out, Set<Integer> chosen) {
        if (!chosen.contains(preferred) && isFree(preferred)) {
            return preferred;
        }
        int port = free();
        while (chosen.contains(port)) {
            port = free();
        }
        out.println("port " + preferred + " is taken; " + who + " listens on " + port);
        return port;
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
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a probe socket cannot lose anything
                    }
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
}
