package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The SMS provider of a suite: a loopback HTTP endpoint that the services text through ({@code POST {"to", "text"}},
 * as {@code LIFELINE_SMS_PROVIDER=HTTP} with {@code LIFELINE_SMS_URL}), so that a test reads what a phone received.
 */
final class SmsInbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    /** One text as the phone would show it. */
    record Text(String to, String body) {
    }

    private final HttpServer server;
    private final List<Text> received = new CopyOnWriteArrayList<>();

    private SmsInbox(HttpServer server) {
        this.server = server;
    }

    static SmsInbox open() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SmsInbox inbox = new SmsInbox(server);
            server.createContext("/sms", inbox::receive);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the launcher passes to the services so that they text here. */
    Map<String, String> environment() {
        return Map.of("LIFELINE_SMS_PROVIDER", "HTTP",
                "LIFELINE_SMS_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    /** Waits for the {@code n}-th text (1-based) to {@code phone}. */
    Text awaitText(String phone, int n) {
        List<Text> texts = await("text #" + n + " to " + phone).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> textsTo(phone), list -> list.size() >= n);
        return texts.get(n - 1);
    }

    /** The six-digit code of the {@code n}-th text to {@code phone}. */
    String awaitCode(String phone, int n) {
        Text text = awaitText(phone, n);
        Matcher matcher = CODE.matcher(text.body());
        if (!matcher.find()) {
            throw new AssertionError("no code in " + text);
        }
        return matcher.group(1);
    }

    List<Text> textsTo(String phone) {
        return received.stream().filter(text -> text.to().equals(phone)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = Http.JSON.readTree(in);
            received.add(new Text(body.path("to").asText(), body.path("text").asText()));
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
