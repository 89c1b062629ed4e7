package dev.lifeline.identity.audit;


import dev.lifeline.identity.testing.Api;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import dev.lifeline.testing.TestTokens;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.lifeline.identity.testing.Api.from;
import static org.assertj.core.api.Assertions.assertThat;

@IdentityTest
class AuditTrailTest {

    @Inject
    TestAccounts accounts;

    private LogLines audit;

    @BeforeEach
    void listen() {
        audit = LogLines.audit();
    }

    @AfterEach
    void stopListening() {
        audit.close();
    }

    @Test
    void aRefusedLoginIsRecordedWithTheEndUsersAddressAndNoSecret() {
        Owner owner = accounts.create();
        String address = Api.randomAddress();

        from(address).body(Map.of("identifier", owner.email(), "password", "guess-" + owner.password()))
                .post("/api/v1/authentications").then().statusCode(401);

        assertThat(audit.lines()).anySatisfy(line -> assertThat(line)
                .contains("who=anonymous", "what=authentication", "from=" + address, "outcome=refused", "at="));
        assertThat(String.join("\n", audit.lines())).doesNotContain(owner.email()).doesNotContain(owner.password());
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        // 127.0.0.2 is this machine too, but not in quarkus.http.proxy.trusted-proxies: its header is a claim.
        String answer = postFrom("127.0.0.2", "10.66.66.66", "/api/v1/authentications",
                "{\"identifier\": \"nobody-untrusted\", \"password\": \"guess\"}");

        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("what=authentication", "from=127.0.0.2"));
        assertThat(audit.lines()).noneSatisfy(line -> assertThat(line).contains("10.66.66.66"));
    }

    @Test
    void aStartedRecoveryIsRecordedWithoutTheToken() {
        Owner owner = accounts.create();

        String token = TestRecoveries.start(owner.phone()).token();

        assertThat(audit.lines()).anySatisfy(line -> assertThat(line)
                .contains("what=recovery.start", "outcome=accepted", "account=" + owner.id()));
        assertThat(String.join("\n", audit.lines())).doesNotContain(token).doesNotContain(owner.phone().substring(3));
    }

    /** A raw HTTP/1.1 request from a chosen local address, which RestAssured cannot choose. */
    private static String postFrom(String localAddress, String forwardedFor, String path, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void supportsCancellationNamesTheAgent() {
        TestRecoveries.Started started = TestRecoveries.start(accounts.create().username());

        Api.as(TestTokens.supportAgent()).body(Map.of("reason", "fraud report"))
                .post("/api/v1/recoveries/" + started.recoveryId() + "/cancel").then().statusCode(204);

        assertThat(audit.lines()).anySatisfy(line -> assertThat(line)
                .contains("who=bob-support", "what=recovery.cancel", "outcome=cancelled", "by=SUPPORT"));
    }
}
