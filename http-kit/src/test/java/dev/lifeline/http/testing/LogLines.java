package dev.lifeline.http.testing;

import dev.lifeline.http.audit.Audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log lines written while it listens, formatted with their parameters and any exception:
 * {@code try (LogLines logs = LogLines.all()) { ... }}, or {@link #audit()} for the audit trail only.
 */
public final class LogLines implements AutoCloseable {

    private final String category;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length > 0 && message != null) {
                try {
                    message = String.format(message, parameters);
                } catch (RuntimeException notPrintfStyle) {
                    message = message + " " + List.of(parameters);
                }
            }
            if (record.getThrown() != null) {
                message = message + " " + record.getThrown();
            }
            lines.add(message);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogLines(String category) {
        this.category = category;
        Logger.getLogger(category).addHandler(capture);
    }

    /** Every category. */
    public static LogLines all() {
        return new LogLines("");
    }

    /** The audit trail ({@value Audit#CATEGORY}). */
    public static LogLines audit() {
        return new LogLines(Audit.CATEGORY);
    }

    /** Lines so far that contain every one of {@code parts}. */
    public List<String> containing(String... parts) {
        return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger(category).removeHandler(capture);
    }
}
