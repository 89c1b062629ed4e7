package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailServerTest {

    @TempDir
    static Path dir;

    private static MailServer mail;

    @BeforeAll
    static void startMailServer() {
        int[] ports = Ports.free(2);
        mail = MailServer.start(dir.resolve("greenmail.log"), ports[0], ports[1]);
    }

    @AfterAll
    static void stopMailServer() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void apiAnswersThatTheServiceRuns() throws Exception {
        HttpResponse<String> response = get("/api/service/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void messageSentOverSmtpIsReadableThroughTheApi() throws Exception {
        sendMail("owner@example.org", "Your recovery code");

        HttpResponse<String> inbox = get("/api/user/owner@example.org/messages/INBOX");

        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("Your recovery code");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mail.apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A minimal SMTP client: the test needs nothing but the JDK to talk to the server. */
    private static void sendMail(String to, String subject) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", mail.smtpPort());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            expect(in, "220");
            command(out, in, "HELO test", "250");
            command(out, in, "MAIL FROM:<lifeline@example.org>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            command(out, in, "Subject: " + subject + "\r\nFrom: lifeline@example.org\r\nTo: " + to + "\r\n\r\nHello\r\n.", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(PrintWriter out, BufferedReader in, String line, String expectedCode) throws IOException {
        out.print(line + "\r\n");
        out.flush();
        expect(in, expectedCode);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String reply;
        do {
            reply = in.readLine();
            assertThat(reply).startsWith(code);
        } while (reply.charAt(3) == '-');
    }
}
