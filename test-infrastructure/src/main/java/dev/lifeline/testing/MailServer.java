package dev.lifeline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GreenMail standalone as a process: an SMTP server that keeps every message (any recipient, no authentication),
 * plus its REST API to read mailboxes ({@code GET /api/user/{email}/messages/INBOX}), both on 127.0.0.1.
 */
public final class MailServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int smtpPort;
    private final int apiPort;
    private final ChildProcess process;

    private MailServer(int smtpPort, int apiPort, ChildProcess process) {
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
        this.process = process;
    }

    /** Starts GreenMail and returns once SMTP and the API accept connections. */
    public static MailServer start(Path log, int smtpPort, int apiPort) {
        MailServer server = launch(log, smtpPort, apiPort, false);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    public static MailServer launch(Path log, int smtpPort, int apiPort, boolean detached) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms64m", "-Xmx128m",
                "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled",
                "-jar", BuildClasspaths.greenMailJar().toString());
        Path workingDir = log.toAbsolutePath().getParent();
        return new MailServer(smtpPort, apiPort, ChildProcess.start("mail", command, Map.of(), workingDir, log, detached));
    }

    /**
     * Until SMTP accepts connections and the API answers its readiness check. Not merely until the API port accepts:
     * GreenMail that cannot bind its API lives on with SMTP alone, and the port accepts for whoever holds it.
     */
    public void awaitReady() {
        process.awaitCondition(() -> Ports.accepts(smtpPort) && apiAnswers(), "accept connections on SMTP 127.0.0.1:"
                + smtpPort + " and answer on " + apiUrl(), READY_TIMEOUT);
    }

    private boolean apiAnswers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/service/readiness"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int apiPort() {
        return apiPort;
    }

    /** The REST API's base URL, e.g. http://127.0.0.1:8025 (readiness: /api/service/readiness). */
    public String apiUrl() {
        return apiUrl(apiPort);
    }

    public static String apiUrl(int apiPort) {
        return "http://127.0.0.1:" + apiPort;
    }

    public ChildProcess process() {
        return process;
    }

    public void stop() {
        stop(process);
    }

    public static void stop(ChildProcess process) {
        process.stop(STOP_GRACE);
    }
}
