package dev.lifeline.events;

/** Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    /** The event's {@code eventId}; consumers dedupe on it. */
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    /** The event's subject: the recoveryId of a recovery event, the accountId of an account event. */
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Binary mode maps the CloudEvents {@code datacontenttype} to the plain content-type header. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C Trace Context, so a saga can be followed across services. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
