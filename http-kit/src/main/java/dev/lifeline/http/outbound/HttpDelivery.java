package dev.lifeline.http.outbound;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The one outbound HTTP POST of the services (webhook, SMS provider, Shared Signals push), and the one rule for
 * what its answer means: 2xx delivered; 408, 429 and 5xx, or no answer at all, worth retrying; any other status
 * a refusal that a retry will not change. Short timeouts, so that one dead receiver cannot hold the worker.
 */
@ApplicationScoped
public class HttpDelivery {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @return the receiver's status (2xx)
     * @throws DeliveryFailure for any other answer, or none
     */
    public int post(URI url, String contentType, Map<String, String> headers, String body) throws DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .version(versionFor(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryFailure.retryable(url.getHost() + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status;
        }
        String failure = url.getHost() + " answered " + status;
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.retryable(failure);
        }
        throw DeliveryFailure.permanent(failure);
    }

    /**
     * HTTP/2 only over TLS (negotiated by ALPN), HTTP/1.1 on plain {@code http://}: the client's default asks a plain
     * receiver to {@code Upgrade: h2c}, which RFC 9113 deprecates and some receivers and proxies refuse.
     */
    private static HttpClient.Version versionFor(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }
}
