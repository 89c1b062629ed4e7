package dev.lifeline.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** JSON over HTTP as the gateway and support tooling speak it; the service clients of this package build on it. */
final class Http {

    /** One answer: the status, the body (parsed on demand) and the names of the headers, lower case. */
    record Answer(int status, String body, java.util.SortedSet<String> headerNames) {

        Answer(int status, String body) {
            this(status, body, new java.util.TreeSet<>());
        }

        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** This answer, or an AssertionError naming what came instead. */
        Answer expect(int expected, String what) {
            if (status != expected) {
                throw new AssertionError(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static Answer get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    static Answer post(String url, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(json(body)), headers);
    }

    static Answer put(String url, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(json(body)), headers);
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Is told the method and URL of every request sent while it is set ({@link #recordInto}). */
    private static volatile Consumer<String> recorder = request -> { };

    /** Tells {@code sink} "METHOD url" of every request sent from now on, from any thread; null stops it. */
    static void recordInto(Consumer<String> sink) {
        recorder = sink == null ? request -> { } : sink;
    }

    private static Answer send(HttpRequest.Builder request, Map<String, String> headers) {
        request.timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpRequest built = request.build();
            recorder.accept(built.method() + " " + built.uri());
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    new java.util.TreeSet<>(response.headers().map().keySet().stream()
                            .map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
