package dev.lifeline.http.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request bodies are read strictly (security requirement 9): a number, boolean, array or object where a string is
 * expected is refused instead of coerced ({@code {"identifier": 12}} is not the identifier "12"), strings are not
 * coerced into numbers or booleans either, and strings with control characters (C0, C1, bidirectional
 * controls, invisible and unpaired characters: {@link Strings#hasControlCharacter}) are refused before any work is
 * done with them. A key that appears twice in one object is refused too: which of the two values counts would be
 * the reader's accident (Jackson's record creators even failed on it with an empty 500), and a proxy or WAF that
 * read the other one would have checked a different request. So is a field no request of that kind has: a
 * misspelt {@code "identifer"} or an {@code "accountId"} slipped into a start would otherwise be dropped in silence
 * and the request answered as if it had not been sent (issue 29.3). Events are not read with this mapper: their
 * evolution is additive, so their consumers ignore unknown fields ({@code EventJson}). Each refusal is a 400
 * problem naming the field ({@link InputProblemMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** After Quarkus's own customizer, which applies {@code quarkus.jackson.fail-on-unknown-properties=false}. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("lifeline-strict-strings").addDeserializer(String.class, new Strings(false)));
    }

    /** A string, and nothing else, free of control characters (but for newlines where {@link AllowsNewlines}). */
    static final class Strings extends JsonDeserializer<String> implements ContextualDeserializer {

        private final boolean newlinesAllowed;

        Strings(boolean newlinesAllowed) {
            this.newlinesAllowed = newlinesAllowed;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean allowed = property != null && property.getAnnotation(AllowsNewlines.class) != null;
            return allowed == newlinesAllowed ? this : new Strings(allowed);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            if (hasControlCharacter(text, newlinesAllowed)) {
                throw new ControlCharacterException(parser);
            }
            return text;
        }

        /**
         * Whether the text holds a character no field takes: C0 controls and DEL (but for newlines and tabs where
         * free text is allowed), C1 controls, the bidirectional controls that make text display other than it
         * reads (Trojan Source: U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), invisible characters that make two
         * identifiers look alike (U+200B, U+2060, U+FEFF), the line and paragraph separators, and a surrogate
         * without its pair. Free text keeps U+2028/2029 (they are newlines) and the zero-width (non-)joiners
         * U+200C/D that emoji sequences and several scripts need.
         */
        static boolean hasControlCharacter(String text, boolean newlinesAllowed) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a whole pair: a character outside the BMP
                } else if (isRefused(c, newlinesAllowed)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isRefused(char c, boolean freeText) {
            if (c < 0x20) {
                return !(freeText && (c == '\n' || c == '\r' || c == '\t'));
            }
            if (c >= 0x7f && c <= 0x9f) {
                return true; // DEL and C1
            }
            return switch (c) {
                case '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
                     '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u2060', '\ufeff' -> true;
                case '\u200c', '\u200d', '\u2028', '\u2029' -> !freeText;
                default -> Character.isSurrogate(c); // a surrogate here has no pair
            };
        }
    }

    /** A string with a control character; {@link InputProblemMappers} says so for the field. */
    static final class ControlCharacterException extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        ControlCharacterException(JsonParser parser) {
            super(parser, "control character in a string", String.class);
        }
    }
}
