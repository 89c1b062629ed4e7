package dev.lifeline.benchmark;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The open loop's HTTP client: non-blocking, a pool of kept-alive connections, TCP_NODELAY, and each request written
 * whole in one go. The JDK's client writes the head and the body separately, which left the service's worker threads
 * waiting for bodies and measured the client as much as the server.
 */
final class LoadClient implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;

    LoadClient(int maxConnections, Duration timeout) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        this.timeoutMillis = timeout.toMillis();
    }

    /** POSTs {@code json}; completes with the status once the whole answer has arrived. */
    CompletionStage<Integer> postJson(URI uri, Map<String, String> headers, String json) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setTimeout(timeoutMillis).putHeader("Content-Type", "application/json");
        headers.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(json)))
                .compose(response -> response.body().map(body -> response.statusCode()))
                .toCompletionStage();
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
