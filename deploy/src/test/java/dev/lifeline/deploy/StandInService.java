package dev.lifeline.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a service's fast-jar in the launcher's own tests, which cannot wait for the services to be built:
 * a process that listens where {@code up} tells a Quarkus service to ({@code QUARKUS_HTTP_HOST}/{@code _PORT}),
 * answers {@code /q/health/ready} with UP and shows on {@code /env} the settings it was started with.
 */
public final class StandInService {

    private StandInService() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("QUARKUS_HTTP_HOST"),
                Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"))), 16);
        server.createContext("/q/health/ready", exchange -> answer(exchange, "{\"status\": \"UP\", \"checks\": []}"));
        server.createContext("/env", exchange -> answer(exchange, settings()));
        server.start();
    }

    /** The variables {@code up} sets, one NAME=value a line. */
    private static String settings() {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(System.getenv()).forEach((name, value) -> {
            if (name.matches("(QUARKUS|KAFKA|LIFELINE|MP)_.*")) {
                lines.append(name).append('=').append(value).append('\n');
            }
        });
        return lines.toString();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
