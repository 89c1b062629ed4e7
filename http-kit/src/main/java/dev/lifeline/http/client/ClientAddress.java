package dev.lifeline.http.client;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The end user's address. Quarkus has already replaced the peer address with the {@code X-Forwarded-For} client
 * when, and only when, the peer is a trusted proxy ({@code quarkus.http.proxy.*}), so one gateway carrying many
 * users is never counted as one client, and a client cannot pick its own address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        String host = address.hostAddress();
        return host == null || host.isBlank() ? "unknown" : host;
    }
}
