package dev.lifeline.deploy;

import java.nio.file.Path;

/** Where a run keeps its things: {@code <repo>/.lifeline/} (gitignored) with the state file, logs and keys. */
record RunDirectory(Path repo) {

    Path dir() {
        return repo.resolve(".lifeline");
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

    /** The broker's throwaway data (PostgreSQL's lives in /tmp, which its system user can reach). */
    Path kafkaData() {
        return dir().resolve("kafka");
    }
}
