package dev.lifeline.identity.testing;

import dev.lifeline.http.audit.Audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The audit lines written while it listens: {@code try (AuditLines audit = AuditLines.listen()) { ... }}. */
public final class AuditLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private AuditLines() {
        Logger.getLogger(Audit.CATEGORY).addHandler(capture);
    }

    public static AuditLines listen() {
        return new AuditLines();
    }

    /** Lines so far that contain every one of {@code parts}. */
    public List<String> containing(String... parts) {
        return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    }

    public List<String> all() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger(Audit.CATEGORY).removeHandler(capture);
    }
}
