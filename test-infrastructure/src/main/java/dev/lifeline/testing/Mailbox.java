package dev.lifeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The mails GreenMail received, read through its REST API as a user of the suite would read them (the tests of every
 * service that mails, which bring angus-mail, Jackson and Awaitility).
 */
public final class Mailbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern LINK = Pattern.compile("https?://\\S+?[?&]t=([A-Za-z0-9_-]+)");

    /** One delivered mail, decoded; {@code messageId} is its Message-ID header, angle brackets included. */
    public record Mail(String messageId, String subject, String from, String text, String html, String contentType) {

        /** The code as the text part shows it. */
        public String code() {
            Matcher matcher = CODE.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no code in the mail: " + text);
            }
            return matcher.group(1);
        }

        /** The link as the text part shows it. */
        public String link() {
            Matcher matcher = LINK.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no link in the mail: " + text);
            }
            return matcher.group();
        }

        public String linkToken() {
            Matcher matcher = LINK.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no link in the mail: " + text);
            }
            return matcher.group(1);
        }
    }

    private Mailbox() {
    }

    /** The mails of the address so far at the test JVM's GreenMail, oldest first. */
    public static List<Mail> of(String address) {
        return of(LocalInfrastructure.mailApiUrl(), address);
    }

    /** The mails of the address at the GreenMail API {@code mailApiUrl} (a running suite's), oldest first. */
    public static List<Mail> of(String mailApiUrl, String address) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(mailApiUrl
                    + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of(); // GreenMail knows users only once a mail reached them
            }
            List<Mail> mails = new ArrayList<>();
            for (JsonNode message : JSON.readTree(response.body())) {
                mails.add(parse(message.path("mimeMessage").asText()));
            }
            return mails;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("could not read the mailbox of " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 30 s) until the address has {@code count} mails, and returns the newest. */
    public static Mail awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> of(address).size() >= count);
        List<Mail> mails = of(address);
        return mails.get(mails.size() - 1);
    }

    public static Mail awaitFirstMail(String address) {
        return awaitMail(address, 1);
    }

    private static Mail parse(String raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        String text = null;
        String html = null;
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
        } else {
            text = String.valueOf(content);
        }
        return new Mail(message.getMessageID(), message.getSubject(), message.getFrom()[0].toString(), text, html,
                message.getContentType());
    }
}
