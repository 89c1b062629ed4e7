package dev.lifeline.identity;

import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.IdentityTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22.10: clients that send part of a body and then stop pin no worker thread. quarkus-rest let a blocking
 * endpoint's worker read the body from the socket, for up to the 60 s read timeout: ~200 such clients held every
 * worker, and the owner's login waited behind them. Now the kit's BufferedBodyFilter reads every body on the I/O
 * thread before a worker takes the request.
 */
@IdentityTest
class SlowBodiesTest {

    /** More than the worker pool (200 threads). */
    private static final int STALLED_CLIENTS = 230;
    /** Generous for a loaded 2-core machine; a request that waited for a stalled body's read timeout takes 60 s. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    @Test
    void clientsThatStopSendingTheirBodiesLeaveTheWorkersToEveryoneElse() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_CLIENTS; i++) {
                stalled.add(stallMidBody());
            }

            HttpResponse<String> login = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/authentications"))
                            .timeout(ANSWER_WITHIN)
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", Api.randomAddress())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"identifier\": \"" + Api.uniqueName("nobody") + "\", \"password\": \"not-it-at-all\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(401);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A login whose 12,000-byte body stops after 11,000 bytes. */
    private static Socket stallMidBody() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/authentications HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12000\r\nX-Forwarded-For: " + Api.randomAddress() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(("{\"identifier\": \"" + "a".repeat(11_000)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
