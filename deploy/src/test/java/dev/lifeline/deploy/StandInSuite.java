package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.Directories;
import dev.lifeline.testing.PostgresServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A repository whose four service jars are {@link StandInService}s, so that {@code lifeline up} runs here as a user
 * runs it — a real broker, PostgreSQL and GreenMail as detached processes — without the services being built.
 */
final class StandInSuite implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path repo;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    StandInSuite() {
        try {
            // PostgreSQL runs as its own user, who has to reach the run directory's data.
            repo = Files.createTempDirectory("lifeline-suite-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            for (LifelineService service : LifelineService.values()) {
                writeStandInJar(service.fastJar(repo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command as {@code deploy/lifeline} does; its output joins {@link #output()}. */
    int run(String... args) {
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new Lifeline(repo, print, print, false).run(args);
    }

    /** {@code up} must succeed. */
    void up(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "up";
        System.arraycopy(options, 0, args, 1, options.length);
        assertThat(run(args)).as(output()).isZero();
    }

    /** {@code up --ephemeral}, with {@code whenPortsReleased} between each component's port release and its start. */
    int upEphemeral(BiConsumer<String, int[]> whenPortsReleased) {
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new SuiteLauncher(runDirectory(), print, print, false).whenPortsReleased(whenPortsReleased)
                .up(false, true, 1);
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    RunDirectory runDirectory() {
        return new RunDirectory(repo);
    }

    RunState state() {
        return RunState.read(runDirectory().stateFile()).orElseThrow();
    }

    String bootstrapServers() {
        return state().get("kafka.bootstrapServers");
    }

    Connection database(String database) throws SQLException {
        RunState state = state();
        return DriverManager.getConnection(PostgresServer.jdbcUrl(Integer.parseInt(state.get("db.port")), database),
                state.get("db.username"), state.get("db.password"));
    }

    /** What a stand-in service shows on {@code /env}. */
    String environmentOf(LifelineService service) throws IOException, InterruptedException {
        return environmentAt(state().get("service." + service.artifact + ".url"));
    }

    /** What the stand-in listening at {@code url} shows on {@code /env}. */
    String environmentAt(String url) throws IOException, InterruptedException {
        URI uri = URI.create(url + "/env");
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Stops whatever still runs and deletes the repository with its run directory. */
    @Override
    public void close() {
        run("down");
        Directories.deleteRecursively(repo);
    }

    /** A jar with only a manifest: its main class is {@link StandInService}, on this module's test classes. */
    private static void writeStandInJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses().toUri().toString());
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
