package dev.lifeline.http.outbound;

/**
 * A message could not be delivered. Retryable failures (provider unreachable, 5xx, 429, timeouts) are tried again
 * with backoff; the others (a 4xx refusal) end the delivery FAILED at once.
 */
public class DeliveryFailure extends Exception {

    private final boolean retryable;

    private DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, true, cause);
    }

    public static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, true, null);
    }

    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
