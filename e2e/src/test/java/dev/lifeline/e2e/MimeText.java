package dev.lifeline.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text/plain part of a raw MIME message (RFC 2045/2046), decoded by its Content-Transfer-Encoding and charset,
 * with the JDK alone: the e2e module reads mails as any client of the suite's GreenMail would, without a mail library.
 */
final class MimeText {

    private static final Pattern HEADER_BREAK = Pattern.compile("\r?\n\r?\n");
    private static final Pattern LINE = Pattern.compile("\r?\n");

    private MimeText() {
    }

    /** The first text/plain part, depth first through multiparts; empty when the message has none. */
    static Optional<String> plainText(String raw) {
        // A part without headers starts with its blank line.
        String message = raw.startsWith("\n") || raw.startsWith("\r\n") ? "\r\n" + raw : raw;
        Matcher split = HEADER_BREAK.matcher(message);
        boolean hasBody = split.find();
        String head = hasBody ? message.substring(0, split.start()) : message;
        String body = hasBody ? message.substring(split.end()) : "";
        Map<String, String> headers = headers(head);
        String contentType = headers.getOrDefault("content-type", "text/plain; charset=us-ascii");
        String mimeType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mimeType.startsWith("multipart/")) {
            String boundary = parameter(contentType, "boundary")
                    .orElseThrow(() -> new IllegalArgumentException("multipart without a boundary: " + contentType));
            for (String part : parts(body, boundary)) {
                Optional<String> text = plainText(part);
                if (text.isPresent()) {
                    return text;
                }
            }
            return Optional.empty();
        }
        if (!mimeType.equals("text/plain")) {
            return Optional.empty();
        }
        Charset charset = Charset.forName(parameter(contentType, "charset").orElse("us-ascii"));
        return Optional.of(switch (headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT)) {
            case "base64" -> new String(Base64.getMimeDecoder().decode(body.trim()), charset);
            case "quoted-printable" -> new String(quotedPrintable(body), charset);
            // 7bit, 8bit, binary: the characters as they stand (the raw message reached us as text already).
            default -> body;
        });
    }

    /** Header names lower-cased, folded lines unfolded (RFC 5322 §2.2.3). */
    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        for (String line : LINE.split(head)) {
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                if (name != null) {
                    headers.merge(name, line, (a, b) -> a + " " + b.trim());
                }
            } else if (line.indexOf(':') > 0) {
                String header = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                // The first of a repeated header counts; the continuation lines of a later one are dropped with it.
                name = headers.putIfAbsent(header, line.substring(line.indexOf(':') + 1).trim()) == null ? header : null;
            }
        }
        return headers;
    }

    private static Optional<String> parameter(String header, String name) {
        Matcher matcher = Pattern.compile(";\\s*" + name + "\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))",
                Pattern.CASE_INSENSITIVE).matcher(header);
        return matcher.find() ? Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))
                : Optional.empty();
    }

    /** The body parts between {@code --boundary} delimiter lines, up to the closing {@code --boundary--}. */
    private static List<String> parts(String body, String boundary) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : LINE.split(body, -1)) {
            if (line.startsWith("--" + boundary + "--")) {
                if (current != null) {
                    parts.add(current.toString());
                }
                return parts;
            }
            if (line.stripTrailing().equals("--" + boundary)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append("\r\n");
            }
        }
        if (current != null) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** RFC 2045 §6.7: {@code =XX} is a byte, {@code =} at a line end a soft break; trailing blanks are padding. */
    private static byte[] quotedPrintable(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = LINE.split(body, -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].stripTrailing();
            boolean soft = line.endsWith("=");
            if (soft) {
                line = line.substring(0, line.length() - 1);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '=' && i + 2 < line.length() && isHex(line.charAt(i + 1)) && isHex(line.charAt(i + 2))) {
                    out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            if (!soft && l < lines.length - 1) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
