package dev.lifeline.notification.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Local HTTP receivers for the channels that POST: the gateway's webhook, the SMS provider and a Shared Signals
 * receiver, on one loopback server the service is configured to call. Each records what it received and answers
 * 2xx unless a test scripted other answers first.
 */
public class HttpReceivers implements QuarkusTestResourceLifecycleManager {

    /** A fixed test secret: whsec_ and base64 of 32 bytes. */
    public static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static final Receiver WEBHOOK = new Receiver("/webhook", 204);
    public static final Receiver SMS = new Receiver("/sms", 200);
    public static final Receiver SHARED_SIGNALS = new Receiver("/ssf", 202);

    private HttpServer server;

    /** One request as the receiver saw it; header names lower-case. */
    public record Request(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** One receiving endpoint. */
    public static final class Receiver {
        private final String path;
        private final int success;
        private final List<Request> received = new CopyOnWriteArrayList<>();
        private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();
        private final AtomicLong holdMillis = new AtomicLong();
        private final AtomicInteger holding = new AtomicInteger();

        Receiver(String path, int success) {
            this.path = path;
            this.success = success;
        }

        /** The next answers, in order, before the usual 2xx. */
        public void answerNext(int... statuses) {
            for (int status : statuses) {
                scripted.add(status);
            }
        }

        /** The next request is answered only after {@code hold}: a receiver that is slow, or about to time out. */
        public void holdNext(Duration hold) {
            holdMillis.set(hold.toMillis());
        }

        /** How many requests it is holding right now. */
        public int holding() {
            return holding.get();
        }

        public List<Request> received() {
            return List.copyOf(received);
        }

        public List<Request> receivedWhere(Predicate<Request> test) {
            return received.stream().filter(test).toList();
        }

        public List<Request> mentioning(Object text) {
            return receivedWhere(request -> request.body().contains(String.valueOf(text)));
        }

        void handle(HttpExchange exchange) throws IOException {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Request(headers, body));
            long hold = holdMillis.getAndSet(0);
            if (hold > 0) {
                holding.incrementAndGet();
                try {
                    Thread.sleep(hold);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holding.decrementAndGet();
                }
            }
            Integer status = scripted.poll();
            exchange.sendResponseHeaders(status == null ? success : status, -1);
            exchange.close();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Receiver receiver : List.of(WEBHOOK, SMS, SHARED_SIGNALS)) {
            server.createContext(receiver.path, receiver::handle);
        }
        server.setExecutor(Executors.newCachedThreadPool()); // one held request must not hold the others
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "lifeline.webhook.url", base + WEBHOOK.path,
                "lifeline.webhook.secret", WEBHOOK_SECRET,
                "lifeline.sms.provider", "HTTP",
                "lifeline.sms.url", base + SMS.path,
                "lifeline.sms.api-key", "test-sms-key",
                "lifeline.ssf.receivers[0].url", base + SHARED_SIGNALS.path,
                "lifeline.ssf.receivers[0].audience", "https://gateway.example.test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
