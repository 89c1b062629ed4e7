package dev.lifeline.deploy;

import dev.lifeline.testing.ChildProcess;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a running suite consists of, in {@code <repo>/.lifeline/state.properties}: every process we started (PID, start
 * time, log, throwaway data, and how it was started — command, working directory, environment — so that
 * {@code lifeline start COMPONENT} can start it again exactly so) and the endpoints. Written as each process starts,
 * so that {@code down} finds everything even if the launcher died half-way. It holds the database password and the
 * services' keys: readable by its owner only.
 */
final class RunState {

    /** How a component is stopped; the order in which {@code down} stops them. */
    enum Kind { SERVICE, MAIL, KAFKA, POSTGRES }

    /**
     * One process of the suite. {@code dataDir} is throwaway data, deleted at {@code down} (a durable run records
     * none); {@code address} is its endpoint ({@code 127.0.0.1:port}, or the URL of a service), {@code detail} the rest
     * an operator needs (controller port, user and databases, the mail API).
     */
    record Component(String name, Kind kind, long pid, Instant startedAt, Path log, Optional<Path> dataDir, String address,
                     String detail, Optional<ChildProcess.Launch> launch) {

        Optional<ChildProcess> process() {
            return ChildProcess.attach(name, pid, startedAt, log);
        }
    }

    private final Path file;
    private final Properties properties;

    private RunState(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    static RunState create(Path file) {
        return new RunState(file, new Properties());
    }

    static Optional<RunState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return Optional.of(new RunState(file, properties));
    }

    synchronized RunState put(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    synchronized String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(file + " has no " + key + "; stop with `deploy/lifeline down` and start again");
        }
        return value;
    }

    synchronized void addComponent(ChildProcess process, Kind kind, Path dataDir, String address) {
        addComponent(process, kind, dataDir, address, "");
    }

    /**
     * Records {@code process} as the component of its name; one recorded before under that name — a start that failed
     * because its port was taken, or a service started again with another's new address — is replaced.
     */
    synchronized void addComponent(ChildProcess process, Kind kind, Path dataDir, String address, String detail) {
        String prefix = "component." + process.name() + ".";
        boolean known = properties.stringPropertyNames().stream().anyMatch(key -> key.startsWith(prefix));
        properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).forEach(properties::remove);
        properties.setProperty(prefix + "kind", kind.name());
        properties.setProperty(prefix + "log", process.log().toString());
        properties.setProperty(prefix + "address", address);
        properties.setProperty(prefix + "detail", detail);
        if (dataDir != null) {
            properties.setProperty(prefix + "dir", dataDir.toString());
        }
        process.launch().ifPresent(launch -> {
            for (int i = 0; i < launch.command().size(); i++) {
                properties.setProperty(prefix + "command." + i, launch.command().get(i));
            }
            launch.environment().forEach((name, value) -> properties.setProperty(prefix + "env." + name, value));
            properties.setProperty(prefix + "workdir", launch.workingDir().toString());
        });
        if (!known) {
            String names = properties.getProperty("components", "");
            properties.setProperty("components", names.isEmpty() ? process.name() : names + "," + process.name());
        }
        replaceProcess(process);
    }

    /** Records {@code process} as the component of its name that runs now (after {@code lifeline start}). */
    synchronized void replaceProcess(ChildProcess process) {
        String prefix = "component." + process.name() + ".";
        get(prefix + "kind"); // a known component
        properties.setProperty(prefix + "pid", Long.toString(process.pid()));
        properties.setProperty(prefix + "started", Long.toString(process.startedAt().toEpochMilli()));
        save();
    }

    /**
     * As {@link #replaceProcess}, for a command that may run beside others ({@code start} of two components at once):
     * re-reads the file under an exclusive lock and changes only this component in it, so that no command writes back
     * the PIDs it read before another command replaced one.
     */
    synchronized void recordRestart(ChildProcess process) {
        try (FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Properties current = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                current.load(in);
            }
            properties.clear();
            properties.putAll(current);
            replaceProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not update " + file, e);
        }
    }

    synchronized Optional<Component> component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The components in the order they were started. */
    synchronized List<Component> components() {
        List<Component> components = new ArrayList<>();
        for (String name : Arrays.asList(properties.getProperty("components", "").split(","))) {
            if (name.isBlank()) {
                continue;
            }
            String prefix = "component." + name + ".";
            components.add(new Component(name,
                    Kind.valueOf(get(prefix + "kind")),
                    Long.parseLong(get(prefix + "pid")),
                    Instant.ofEpochMilli(Long.parseLong(get(prefix + "started"))),
                    Path.of(get(prefix + "log")),
                    Optional.ofNullable(properties.getProperty(prefix + "dir")).map(Path::of),
                    properties.getProperty(prefix + "address", ""),
                    properties.getProperty(prefix + "detail", ""),
                    launch(prefix)));
        }
        return components;
    }

    private Optional<ChildProcess.Launch> launch(String prefix) {
        String workingDir = properties.getProperty(prefix + "workdir");
        if (workingDir == null) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; properties.containsKey(prefix + "command." + i); i++) {
            command.add(properties.getProperty(prefix + "command." + i));
        }
        Map<String, String> environment = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix + "env.")) {
                environment.put(key.substring((prefix + "env.").length()), properties.getProperty(key));
            }
        }
        return Optional.of(new ChildProcess.Launch(command, environment, Path.of(workingDir)));
    }

    /** Whether {@code key} is recorded, e.g. {@code data.dir} (not in the state of an older launcher). */
    synchronized Optional<String> find(String key) {
        return Optional.ofNullable(properties.getProperty(key));
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Writes the state atomically (temp file, then rename), readable by its owner only. */
    synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "state", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(out, "Lifeline run state (deploy/lifeline); deleted by `deploy/lifeline down`");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(lockFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }
}
