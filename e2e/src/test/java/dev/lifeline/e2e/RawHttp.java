package dev.lifeline.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on one keep-alive connection, for requests {@link Http}'s {@code java.net.http}
 * client refuses to send: an invalid percent-encoding in the target ({@code %zz}), raw bytes in a header value, a
 * body without a {@code Content-Type}, any method name. Not thread-safe: one per thread and server.
 */
final class RawHttp implements AutoCloseable {

    /** A header exactly as sent: its value's bytes are written unchanged. */
    record Header(String name, byte[] value) {

        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @param body {@code null} for none (no {@code Content-Length} either); empty for {@code Content-Length: 0} */
    record Request(String method, String target, List<Header> headers, byte[] body) {
    }

    /** @param headers names in lower case */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_LINE = 64 * 1024;

    private final InetSocketAddress server;
    private final String host;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param timeout how long an answer may take; a slower one fails the exchange with a SocketTimeoutException */
    RawHttp(String baseUrl, Duration timeout) {
        URI uri = URI.create(baseUrl);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    Answer send(Request request) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (StaleConnection stale) {
            close();
            if (!reused) {
                throw new EOFException("the server closed a new connection without an answer");
            }
            return exchange(request); // the server had closed the idle connection before this request
        }
    }

    private Answer exchange(Request request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(server, 5_000);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        try {
            out.write(head(request));
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
        } catch (IOException refused) {
            // The server may have answered and closed before taking all of it (e.g. a header block over its limit):
            // its answer is still to be read.
        }
        try {
            Answer answer = read(request.method());
            if ("close".equalsIgnoreCase(answer.headers().getOrDefault("connection", ""))) {
                close();
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private byte[] head(Request request) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\nHost: " + host + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Header header : request.headers()) {
            head.writeBytes((header.name() + ": ").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(header.value());
            head.writeBytes(new byte[]{'\r', '\n'});
        }
        if (request.body() != null) {
            head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        head.writeBytes(new byte[]{'\r', '\n'});
        return head.toByteArray();
    }

    private Answer read(String method) throws IOException {
        String statusLine = line(true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(false); !line.isEmpty(); line = line(false)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (first, second) -> first + ", " + second);
            }
        }
        if (parts[0].equals("HTTP/1.0") && !"keep-alive".equalsIgnoreCase(headers.get("connection"))) {
            headers.put("connection", "close");
        }
        byte[] body;
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = exactly(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Answer(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(false);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!line(false).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(exactly(length));
            line(false);
        }
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the answer ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** One CRLF-terminated line; at the very start of an answer, EOF means the server had closed the connection. */
    private String line(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                if (first && line.size() == 0) {
                    throw new StaleConnection();
                }
                throw reset;
            }
            if (b == -1) {
                if (first && line.size() == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("the answer ended mid-line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
