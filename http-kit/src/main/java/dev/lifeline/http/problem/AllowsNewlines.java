package dev.lifeline.http.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request string that may span lines (e.g. a support agent's reason): tab, line feed and carriage return
 * pass there. Every other control character is refused in every string ({@link StrictJson}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowsNewlines {
}
