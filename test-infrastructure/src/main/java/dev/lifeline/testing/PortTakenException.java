package dev.lifeline.testing;

/**
 * A process could not listen on one of its ports: another process took the port after it was picked (see
 * {@link Ports}). Not the process's fault, and not for good: started again on another port, it comes up — which is
 * what {@code up} does.
 */
public final class PortTakenException extends IllegalStateException {

    private final transient ChildProcess process;

    PortTakenException(String message, ChildProcess process) {
        super(message);
        this.process = process;
    }

    /** The process that failed; it may still run without the listener it could not open (GreenMail does). */
    public ChildProcess process() {
        return process;
    }
}
