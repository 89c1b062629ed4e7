package dev.lifeline.benchmark;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LoadClientTest {

    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private URI uri;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/starts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("X-Forwarded-For") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            byte[] answer = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.isEmpty() ? 400 : 202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/starts");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheJsonBodyAndHeadersAndCompletesWithTheStatus() throws Exception {
        try (LoadClient client = new LoadClient(4, Duration.ofSeconds(5))) {
            int status = client.postJson(uri, Map.of("X-Forwarded-For", "10.0.0.7"), "{\"identifier\":\"a\"}")
                    .toCompletableFuture().get();

            assertThat(status).isEqualTo(202);
            assertThat(received).containsExactly("10.0.0.7 application/json {\"identifier\":\"a\"}");
        }
    }

    @Test
    void manyRequestsInFlightAtOnceAllComplete() throws Exception {
        try (LoadClient client = new LoadClient(50, Duration.ofSeconds(10))) {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 1_000)
                    .mapToObj(i -> client.postJson(uri, Map.of("X-Forwarded-For", "10.0.0." + i), "{\"n\":" + i + "}")
                            .toCompletableFuture()).toList();

            assertThat(answers.stream().map(CompletableFuture::join)).hasSize(1_000).containsOnly(202);
            assertThat(received).hasSize(1_000);
        }
    }

    @Test
    void anUnreachableServerCompletesExceptionally() throws Exception {
        server.stop(0);
        try (LoadClient client = new LoadClient(4, Duration.ofSeconds(2))) {
            CompletableFuture<Integer> answer = client.postJson(uri, Map.of(), "{}").toCompletableFuture();

            assertThat(answer).failsWithin(Duration.ofSeconds(5));
        }
    }
}
