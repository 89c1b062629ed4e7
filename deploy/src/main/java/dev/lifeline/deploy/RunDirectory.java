package dev.lifeline.deploy;

import java.nio.file.Path;

/**
 * Where a run keeps its things: {@code <repo>/.lifeline/} (gitignored) with the state file, logs and keys, or
 * {@code $LIFELINE_RUN_DIR} — so that an end-to-end test can run a suite beside a developer's own.
 */
record RunDirectory(Path repo) {

    Path dir() {
        String configured = System.getenv("LIFELINE_RUN_DIR");
        return configured == null || configured.isBlank()
                ? repo.resolve(".lifeline")
                : Path.of(configured).toAbsolutePath().normalize();
    }

    Path stateFile() {
        return dir().resolve("state.properties");
    }

    Path logs() {
        return dir().resolve("logs");
    }

    Path log(String component) {
        return logs().resolve(component + ".log");
    }

    Path keys() {
        return dir().resolve("keys");
    }

    /** The broker's throwaway data of an {@code up --ephemeral} (PostgreSQL's lives in /tmp, which its system user can reach). */
    Path kafkaData() {
        return dir().resolve("kafka");
    }

    /** The durable data, kept across {@code down}/{@code up} until {@code lifeline wipe}: see {@link SuiteData}. */
    Path data() {
        return dir().resolve("data");
    }
}
