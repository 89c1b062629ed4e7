package dev.lifeline.http.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body must be valid UTF-8 (RFC 8259), or it is a 400 problem before anything reads it. Jackson
 * decodes an overlong sequence such as {@code C0 AF} as the character it spells ('/'): the malformed-input sweep
 * started a recovery for an identifier sent so, a byte pattern that a proxy or WAF in front reads as something
 * else. Bodies are at most {@code quarkus.http.limits.max-body-size} (16 KiB), so they are checked whole.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("json")) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (!isUtf8(body)) {
            throw new ProblemException(InputProblemMappers.unreadableBody(
                    new Violation(InputProblemMappers.BODY, "is not valid UTF-8")));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
