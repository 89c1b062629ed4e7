package dev.lifeline.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running suite consists of, in {@code <repo>/.lifeline/state.properties}: every process we started (PID, start
 * time, log, throwaway data) and the endpoints. Written as each process starts, so that {@code down} finds everything
 * even if the launcher died half-way. It holds the database password: readable by its owner only.
 */
final class RunState {

    /** How a component is stopped; the order in which {@code down} stops them. */
    enum Kind { SERVICE, MAIL, KAFKA, POSTGRES }

    record Component(String name, Kind kind, long pid, Instant startedAt, Path log, Optional<Path> dataDir, String address) {

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
        String prefix = "component." + process.name() + ".";
        properties.setProperty(prefix + "kind", kind.name());
        properties.setProperty(prefix + "pid", Long.toString(process.pid()));
        properties.setProperty(prefix + "started", Long.toString(process.startedAt().toEpochMilli()));
        properties.setProperty(prefix + "log", process.log().toString());
        properties.setProperty(prefix + "address", address);
        if (dataDir != null) {
            properties.setProperty(prefix + "dir", dataDir.toString());
        }
        String names = properties.getProperty("components", "");
        properties.setProperty("components", names.isEmpty() ? process.name() : names + "," + process.name());
        save();
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
                    properties.getProperty(prefix + "address", "")));
        }
        return components;
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
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }
}
