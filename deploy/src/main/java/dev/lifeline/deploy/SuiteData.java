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
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Where a suite keeps its data. Durable (the default) is a single-node deployment's: {@code <run dir>/data/} holds
 * PostgreSQL's cluster ({@code postgresql/}, fsync and synchronous commit on), the broker's log dir ({@code kafka/})
 * and {@code suite.properties} — the database password and the services' HMAC keys, which the stored rows depend on
 * (a pseudonym, a stored code or an identity fact computed with another key no longer matches), and the ports the
 * data was created with — all kept across {@code down}/{@code up} until {@code lifeline wipe}. Ephemeral
 * ({@code up --ephemeral}) is the tests' kind: a throwaway broker dir, a PostgreSQL temp dir with fast non-durable
 * settings and new keys, deleted at {@code down}.
 */
final class SuiteData {

    private final RunDirectory run;
    private final boolean ephemeral;
    private final Properties settings = new Properties();

    private SuiteData(RunDirectory run, boolean ephemeral) {
        this.run = run;
        this.ephemeral = ephemeral;
        if (!ephemeral && Files.isRegularFile(settingsFile())) {
            try (Reader in = Files.newBufferedReader(settingsFile(), StandardCharsets.UTF_8)) {
                settings.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + settingsFile(), e);
            }
        }
    }

    static SuiteData of(RunDirectory run, boolean ephemeral) {
        return new SuiteData(run, ephemeral);
    }

    boolean ephemeral() {
        return ephemeral;
    }

    /** The broker's log dir and config: kept (durable) or deleted at {@code down} (ephemeral). */
    Path kafka() {
        return ephemeral ? run.kafkaData() : run.data().resolve("kafka");
    }

    /** PostgreSQL's base dir (data directory and socket) when durable; empty: a throwaway temp dir. */
    Optional<Path> postgres() {
        return ephemeral ? Optional.empty() : Optional.of(run.data().resolve("postgresql"));
    }

    /** Where the data lives, as {@code up} prints it. */
    String describe() {
        return ephemeral
                ? "throwaway (--ephemeral): deleted at deploy/lifeline down"
                : run.data() + "  (kept across down/up; deploy/lifeline wipe deletes it)";
    }

    /** The secret {@code key} the stored data was created with; a new one from {@code generate} for new data. */
    synchronized String secret(String key, Supplier<String> generate) {
        String value = settings.getProperty(key);
        if (value == null) {
            value = generate.get();
            remember(key, value);
        }
        return value;
    }

    /** The port {@code key} used last time (the broker's controller endpoint is part of its data), else {@code otherwise}. */
    synchronized int port(String key, int otherwise) {
        return Integer.parseInt(settings.getProperty(key, Integer.toString(otherwise)));
    }

    synchronized void rememberPort(String key, int port) {
        remember(key, Integer.toString(port));
    }

    private void remember(String key, String value) {
        settings.setProperty(key, value);
        if (ephemeral) {
            return;
        }
        try {
            Files.createDirectories(run.data());
            Path temp = Files.createTempFile(run.data(), "suite", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                settings.store(out, "What Lifeline's stored data depends on (deploy/lifeline); deleted by `deploy/lifeline wipe`");
            }
            Files.move(temp, settingsFile(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + settingsFile(), e);
        }
    }

    private Path settingsFile() {
        return run.data().resolve("suite.properties");
    }
}
