package dev.lifeline.emailverification.mail;

import dev.lifeline.http.locale.Locales;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The verification mail, multipart text and HTML, in the account's language (Qute templates
 * {@code templates/mail/verification-<locale>.txt|html}): the code, the link to the page whose button confirms,
 * how long both work, and what to do if the recovery was not the reader's. When several codes are due for one
 * address at once, a digest ({@code verification-digest-<locale>}) carries them all, newest first, each labelled
 * with when its recovery was requested and introduced by the same "verification code: NNNNNN" line as a single one,
 * so that a reader who takes the first code of a mail takes the newest.
 */
@ApplicationScoped
public class VerificationMail {

    private static final Map<String, String> SUBJECTS = Map.of(
            Locales.ENGLISH, "Your account recovery code",
            Locales.CHINESE, "账号找回验证码");
    private static final Map<String, String> DIGEST_SUBJECTS = Map.of(
            Locales.ENGLISH, "Your account recovery codes",
            Locales.CHINESE, "账号找回验证码（多个）");
    /** Recipients' time zones are unknown: requests are labelled in UTC, which says so. */
    private static final DateTimeFormatter REQUESTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One code of a digest and when its recovery was requested. */
    public record Code(String code, String linkToken, Instant requestedAt) {
        @Override
        public String toString() {
            return "Code[requestedAt=" + requestedAt + "]";
        }
    }

    private final Engine engine;
    private final LinksConfig links;

    VerificationMail(Engine engine, LinksConfig links) {
        this.engine = engine;
        this.links = links;
    }

    public Mail compose(String to, String locale, String code, String linkToken, Duration validFor) {
        String language = Locales.supported(locale);
        Map<String, Object> data = Map.of("code", code, "link", link(linkToken), "minutes", minutes(validFor));
        return Mail.withText(to, SUBJECTS.get(language), render("mail/verification-" + language + ".txt", data))
                .setHtml(render("mail/verification-" + language + ".html", data));
    }

    /** One mail with several codes, given newest first; a single code gets the single-code mail. */
    public Mail compose(String to, String locale, List<Code> codes, Duration validFor) {
        if (codes.size() == 1) {
            Code only = codes.get(0);
            return compose(to, locale, only.code(), only.linkToken(), validFor);
        }
        String language = Locales.supported(locale);
        List<Map<String, Object>> entries = codes.stream().<Map<String, Object>>map(code -> Map.of(
                "code", code.code(), "link", link(code.linkToken()),
                "requestedAt", REQUESTED_AT.format(code.requestedAt()))).toList();
        Map<String, Object> data = Map.of("codes", entries, "count", codes.size(), "minutes", minutes(validFor));
        return Mail.withText(to, DIGEST_SUBJECTS.get(language),
                        render("mail/verification-digest-" + language + ".txt", data))
                .setHtml(render("mail/verification-digest-" + language + ".html", data));
    }

    private String link(String linkToken) {
        return UriBuilder.fromUri(links.emailVerification()).queryParam("t", linkToken).build().toString();
    }

    /** Whole minutes, rounded up: a code is never said to live shorter than it does. */
    private static long minutes(Duration validFor) {
        return Math.max(1, (validFor.toSeconds() + 59) / 60);
    }

    private String render(String template, Map<String, Object> data) {
        var instance = engine.getTemplate(template).instance();
        data.forEach(instance::data);
        return instance.render();
    }
}
