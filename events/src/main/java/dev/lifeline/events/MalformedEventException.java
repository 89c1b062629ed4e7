package dev.lifeline.events;

/**
 * An event cannot be read: not JSON, the wrong shape, a required field missing, or an envelope that does not
 * fit its data. Never retryable, so consumers dead-letter it rather than retry.
 */
public class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
