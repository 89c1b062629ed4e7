package dev.lifeline.http.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The one outbound POST (webhook, SMS provider, Shared Signals push): what a receiver sees on the wire, and what its
 * answers mean.
 */
class HttpDeliveryTest {

    /** One request as the receiver saw it. */
    private record Seen(String protocol, Map<String, List<String>> headers, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;
    private URI url;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/receive", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                seen.add(new Seen(exchange.getProtocol(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(in.readAllBytes())));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/receive");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void plainHttpIsHttp11WithoutAnH2cUpgrade() throws DeliveryFailure {
        new HttpDelivery().post(url, "application/json", Map.of("Authorization", "Bearer k"), "{}");

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).protocol()).isEqualTo("HTTP/1.1");
        assertThat(seen.get(0).headers().keySet()).map(String::toLowerCase)
                .doesNotContain("upgrade", "http2-settings")
                .contains("authorization", "content-type");
        assertThat(seen.get(0).body()).isEqualTo("{}");
    }

    @Test
    void a2xxIsDelivered() throws DeliveryFailure {
        status.set(202);

        assertThat(new HttpDelivery().post(url, "application/json", Map.of(), "{}")).isEqualTo(202);
    }

    @Test
    void busyAndFailingReceiversAreRetriedAndARefusalIsNot() {
        for (int answer : new int[] {408, 429, 500, 503}) {
            status.set(answer);
            DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                    () -> new HttpDelivery().post(url, "application/json", Map.of(), "{}"));
            assertThat(failure.retryable()).as("%d", answer).isTrue();
        }
        status.set(400);
        DeliveryFailure refused = catchThrowableOfType(DeliveryFailure.class,
                () -> new HttpDelivery().post(url, "application/json", Map.of(), "{}"));
        assertThat(refused.retryable()).isFalse();
    }

    @Test
    void anUnreachableReceiverIsRetried() {
        server.stop(0);

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> new HttpDelivery().post(url, "application/json", Map.of(), "{}"));

        assertThat(failure.retryable()).isTrue();
    }
}
