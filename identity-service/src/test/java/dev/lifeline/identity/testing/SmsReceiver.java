package dev.lifeline.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local SMS provider for identity's tests: the service texts phone codes to it ({@code POST {"to", "text"}}), and a
 * test reads the code from the text, as the phone's holder would. It answers 200 unless a test scripted other
 * answers first.
 */
public class SmsReceiver implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final List<Text> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Deque<Integer> SCRIPTED = new ConcurrentLinkedDeque<>();

    private HttpServer server;

    /** One text as the provider received it. */
    public record Text(String to, String body, String authorization) {
        public Optional<String> code() {
            Matcher matcher = CODE.matcher(body);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
    }

    public static List<Text> textsTo(String phone) {
        return RECEIVED.stream().filter(text -> text.to().equals(phone)).toList();
    }

    /** Waits for the {@code n}-th text (1-based) to {@code phone} and returns it. */
    public static Text awaitText(String phone, int n) {
        return Awaitility.await("text #" + n + " to " + phone).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> textsTo(phone), texts -> texts.size() >= n).get(n - 1);
    }

    /** The next answers, in order, before the usual 200. */
    public static void answerNext(int... statuses) {
        for (int status : statuses) {
            SCRIPTED.add(status);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/sms", SmsReceiver::handle);
        server.start();
        return Map.of(
                "lifeline.sms.provider", "HTTP",
                "lifeline.sms.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/sms",
                "lifeline.sms.api-key", "test-sms-key");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        Integer status = SCRIPTED.poll();
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            if (status == null) {
                RECEIVED.add(new Text(body.path("to").asText(), body.path("text").asText(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
            }
        }
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
