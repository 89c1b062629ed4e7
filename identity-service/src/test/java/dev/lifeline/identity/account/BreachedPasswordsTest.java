package dev.lifeline.identity.account;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The range client against a local stand-in for api.pwnedpasswords.com; never the internet. */
class BreachedPasswordsTest {

    private static final String PASSWORD = "mango tractor velvet glacier";
    private static final String SHA1 = BreachedPasswords.sha1Hex(PASSWORD);

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> padding = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "";
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/range/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            padding.add(exchange.getRequestHeaders().getFirst("Add-Padding"));
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private BreachedPasswords client() {
        return new BreachedPasswords(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/range/"),
                Duration.ofMillis(500));
    }

    @Test
    void onlyTheFirstFiveHexDigitsOfTheHashLeaveAndPaddingIsAskedFor() {
        body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n";

        client().isBreached(PASSWORD);

        assertThat(paths).containsExactly("/range/" + SHA1.substring(0, 5));
        assertThat(padding).containsExactly("true");
    }

    @Test
    void aSuffixInTheRangeIsBreached() {
        body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n" + SHA1.substring(5) + ":3303003\r\n";

        assertThat(client().isBreached(PASSWORD)).contains(true);
    }

    @Test
    void aSuffixNotInTheRangeIsNotBreached() {
        body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2\r\n";

        assertThat(client().isBreached(PASSWORD)).contains(false);
    }

    @Test
    void aPaddingEntryWithCountZeroIsNotABreach() {
        body = SHA1.substring(5).toLowerCase() + ":0\r\n";

        assertThat(client().isBreached(PASSWORD)).contains(false);
    }

    @Test
    void anErrorStatusIsUnknown() {
        status = 503;

        assertThat(client().isBreached(PASSWORD)).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnknown() {
        hang = true;

        assertThat(client().isBreached(PASSWORD)).isEmpty();
    }

    @Test
    void anUnreachableServerIsUnknown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BreachedPasswords unreachable = new BreachedPasswords(
                URI.create("http://127.0.0.1:" + closedPort + "/range/"), Duration.ofMillis(500));

        assertThat(unreachable.isBreached(PASSWORD)).isEqualTo(Optional.empty());
    }

    @Test
    void thePolicyRefusesABreachedPasswordTheEstimatorWouldAccept() {
        body = SHA1.substring(5) + ":42\r\n";
        PasswordPolicy policy = new PasswordPolicy(PasswordBlocklist.mostCommon(100_000), Duration.ofSeconds(5), 1,
                Optional.of(client()));

        assertThat(policy.check(PASSWORD, List.of("someone")))
                .extracting(PasswordPolicy.Violation::reason).containsExactly(PasswordPolicy.Reason.BREACHED);
    }

    @Test
    void thePolicyAcceptsOnTheOfflineChecksWhenTheRangeIsUnreachable() {
        status = 500;
        PasswordPolicy policy = new PasswordPolicy(PasswordBlocklist.mostCommon(100_000), Duration.ofSeconds(5), 1,
                Optional.of(client()));

        assertThat(policy.check(PASSWORD, List.of("someone"))).isEmpty();
        assertThat(paths).hasSize(1);
    }
}
