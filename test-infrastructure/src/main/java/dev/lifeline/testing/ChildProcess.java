package dev.lifeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A long-running process we started (or, for {@code down}, one a previous launcher started): its output goes to a
 * log file, we know its PID and start time, can wait for it to become ready and stop it by PID.
 */
public final class ChildProcess {

    /**
     * How a process was started: what {@code lifeline start COMPONENT} needs to start it again exactly so (the same
     * command, working directory and the variables set on top of the launcher's own environment).
     */
    public record Launch(List<String> command, Map<String, String> environment, Path workingDir) {

        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration EXIT_POLL = Duration.ofMillis(20);
    private static final int TAIL_LINES = 30;
    /**
     * What the components log when a port they are to listen on is taken: Kafka ("Unable to start acceptor for
     * CONTROLLER", "Socket server failed to bind to …: Address already in use"), PostgreSQL ("could not bind IPv4
     * address …"), Quarkus ("Port 8081 seems to be in use by another process", "Port already bound"), and any JVM's
     * {@code java.net.BindException} (GreenMail, the launcher's stand-in services).
     */
    private static final List<String> BIND_FAILURES = List.of("Address already in use", "Unable to start acceptor",
            "could not bind", "seems to be in use by another process", "Port already bound", "BindException");
    private static final int LONGEST_BIND_FAILURE = BIND_FAILURES.stream().mapToInt(String::length).max().orElse(0);

    private final String name;
    private final ProcessHandle handle;
    private final Instant startedAt;
    private final Path log;
    /** How long the log was when the process started: what it logged itself comes after (logs are appended to). */
    private final long logStart;
    private final Optional<Launch> launch;
    /** Up to where {@link #failedToBind} has read the log. */
    private long scanned;
    private boolean bindFailed;

    private ChildProcess(String name, ProcessHandle handle, Instant startedAt, Path log, long logStart,
                         Optional<Launch> launch) {
        this.name = name;
        this.handle = handle;
        this.startedAt = startedAt;
        this.log = log;
        this.logStart = logStart;
        this.scanned = logStart;
        this.launch = launch;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log} and stdin from /dev/null.
     * A detached process runs in its own session ({@code setsid}): it outlives the launcher and does not get the
     * terminal's Ctrl-C. Java's children are not process-group leaders, so setsid execs without forking and the PID
     * we hold is the process itself.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workingDir,
                                     Path log, boolean detached) {
        return start(name, new Launch(command, environment, workingDir), log, detached);
    }

    /** As {@link #start(String, List, Map, Path, Path, boolean)}, as {@code launch} says. */
    public static ChildProcess start(String name, Launch launch, Path log, boolean detached) {
        List<String> command = launch.command();
        Map<String, String> environment = launch.environment();
        Path workingDir = launch.workingDir();
        List<String> argv = new ArrayList<>();
        if (detached) {
            argv.add("setsid");
        }
        argv.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            long logStart = size(log);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(workingDir.toFile())
                    .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            Instant started = handle.info().startInstant().orElseGet(Instant::now);
            return new ChildProcess(name, handle, started, log, logStart, Optional.of(launch));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + String.join(" ", argv) + ")", e);
        }
    }

    /**
     * The process a previous launcher recorded, if it still runs. The start time guards against a recycled PID:
     * a different process that now has the same PID is not ours to signal.
     */
    public static Optional<ChildProcess> attach(String name, long pid, Instant startedAt, Path log) {
        return ProcessHandle.of(pid)
                .filter(ChildProcess::isRunning)
                .filter(h -> h.info().startInstant()
                        .map(actual -> Duration.between(actual, startedAt).abs().compareTo(Duration.ofSeconds(1)) < 0)
                        .orElse(false))
                .map(h -> new ChildProcess(name, h, startedAt, log, size(log), Optional.empty()));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Path log() {
        return log;
    }

    /** How it was started; empty for a process attached by PID. */
    public Optional<Launch> launch() {
        return launch;
    }

    public boolean isAlive() {
        return isRunning(handle);
    }

    /** Waits until the log contains {@code text}; fails early if the process exits. */
    public void awaitLogLine(String text, Duration timeout) {
        awaitCondition(() -> logContains(text), "log '" + text + "'", timeout);
    }

    /** Waits until the log holds more than {@code seen} lines with {@code text}: for a log appended to across restarts. */
    public void awaitLogLine(String text, long seen, Duration timeout) {
        awaitCondition(() -> logOccurrences(text) > seen, "log '" + text + "'", timeout);
    }

    /** How often {@code text} occurs in the log so far. */
    public long logOccurrences(String text) {
        return occurrences(log, text);
    }

    public static long occurrences(Path log, String text) {
        try {
            return Files.exists(log) ? Pattern.compile(Pattern.quote(text))
                    .matcher(Files.readString(log, StandardCharsets.ISO_8859_1)).results().count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until {@code 127.0.0.1:port} accepts a TCP connection; fails early if the process exits. */
    public void awaitPort(int port, Duration timeout) {
        awaitCondition(() -> Ports.accepts(port), "accept connections on 127.0.0.1:" + port, timeout);
    }

    /**
     * Polls {@code condition} until it holds; fails with the log tail on timeout or when the process dies, and with a
     * {@link PortTakenException} as soon as it logs that a port it is to listen on is taken — also when it lives on
     * without that listener, and before the condition is asked: whoever has the port may be what answers.
     */
    public void awaitCondition(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failedToBind()) {
                throw new PortTakenException(name + " could not listen on a port of its own: another process has it; "
                        + "last lines of " + log + ":\n" + logTail(), this);
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (!isAlive()) {
                throw failure(name + " exited before it could " + what);
            }
            if (System.nanoTime() > deadline) {
                throw failure(name + " did not " + what + " within " + seconds(timeout));
            }
            sleep(POLL);
        }
    }

    /**
     * Whether the process has logged, since it started, that a port it is to listen on is taken. Asked at every poll
     * while a broker writes hundreds of kilobytes: each call reads only what is new (and a pattern's length before it).
     */
    public synchronized boolean failedToBind() {
        if (!bindFailed) {
            long from = Math.max(logStart, scanned - LONGEST_BIND_FAILURE);
            try (SeekableByteChannel channel = Files.newByteChannel(log)) {
                channel.position(from);
                byte[] logged = Channels.newInputStream(channel).readAllBytes();
                String text = new String(logged, StandardCharsets.ISO_8859_1);
                bindFailed = BIND_FAILURES.stream().anyMatch(text::contains);
                scanned = from + logged.length;
            } catch (IOException e) {
                return false; // no log yet
            }
        }
        return bindFailed;
    }

    private static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the process: SIGTERM, then SIGKILL if it is still there after {@code grace}. */
    public void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        handle.destroy();
        awaitExitOrKill(grace);
    }

    /** SIGKILL, as a crash would end it; returns once it is gone. */
    public void kill() {
        if (isAlive()) {
            handle.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /**
     * Sends SIGINT (PostgreSQL's fast shutdown), then SIGKILL after {@code grace}. Java can only send SIGTERM and
     * SIGKILL, so this runs {@code kill -INT}.
     */
    public void interrupt(Duration grace) {
        if (!isAlive()) {
            return;
        }
        try {
            Command.run(List.of("kill", "-INT", Long.toString(pid())), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            handle.destroy(); // the process may have gone in between; otherwise TERM is the next best thing
        }
        awaitExitOrKill(grace);
    }

    /**
     * Waits for the process to exit by itself, for at most {@code timeout}. Polls: for a process that is not our
     * child (attached by {@code down}), {@code ProcessHandle.onExit()} notices the exit only a second or two late.
     */
    public boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isAlive();
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. A process whose parent is gone (everything {@code up} started, once the launcher has
     * exited) is reaped by PID 1, which here can take a second; {@code ProcessHandle.isAlive()} counts it alive until then.
     */
    private static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no /proc (not Linux), or the process has just gone
        }
    }

    private void awaitExitOrKill(Duration grace) {
        if (!awaitExit(grace)) {
            handle.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        return tail(log, TAIL_LINES);
    }

    public IllegalStateException failure(String message) {
        return new IllegalStateException(message + "; last lines of " + log + ":\n" + logTail());
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
