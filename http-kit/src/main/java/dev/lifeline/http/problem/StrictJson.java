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
 * coerced into numbers or booleans either, and strings with control characters are refused before any work is
 * done with them. A key that appears twice in one object is refused too: which of the two values counts would be
 * the reader's accident (Jackson's record creators even failed on it with an empty 500), and a proxy or WAF that
 * read the other one would have checked a different request. Each refusal is a 400 problem naming the field
 * ({@link InputProblemMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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

        static boolean hasControlCharacter(String text, boolean newlinesAllowed) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 || c == 0x7f) && !(newlinesAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                    return true;
                }
            }
            return false;
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
