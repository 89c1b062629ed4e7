package dev.lifeline.http.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The one reading of a {@code timestamptz} column that a native query returned untyped: depending on the Hibernate
 * and driver versions it arrives as an {@link Instant}, an {@link OffsetDateTime} or a {@link Timestamp}.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** @param value a native query's {@code timestamptz} column */
    public static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("a timestamptz read as " + (value == null ? "null" : value.getClass()));
    }
}
