package dev.lifeline.emailverification.mail;

import dev.lifeline.http.locale.Locales;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * The verification mail, multipart text and HTML, in the account's language (Qute templates
 * {@code templates/mail/verification-<locale>.txt|html}): the code, the link to the page whose button confirms,
 * how long both work, and what to do if the recovery was not the reader's.
 */
@ApplicationScoped
public class VerificationMail {

    private static final Map<String, String> SUBJECTS = Map.of(
            Locales.ENGLISH, "Your account recovery code",
            Locales.CHINESE, "账号找回验证码");

    private final Engine engine;
    private final LinksConfig links;

    VerificationMail(Engine engine, LinksConfig links) {
        this.engine = engine;
        this.links = links;
    }

    public Mail compose(String to, String locale, String code, String linkToken, Duration validFor) {
        String language = Locales.supported(locale);
        String link = UriBuilder.fromUri(links.emailVerification()).queryParam("t", linkToken).build().toString();
        // Whole minutes, rounded up: a code is never said to live shorter than it does.
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        Map<String, Object> data = Map.of("code", code, "link", link, "minutes", minutes);
        return Mail.withText(to, SUBJECTS.get(language), render("mail/verification-" + language + ".txt", data))
                .setHtml(render("mail/verification-" + language + ".html", data));
    }

    private String render(String template, Map<String, Object> data) {
        var instance = engine.getTemplate(template).instance();
        data.forEach(instance::data);
        return instance.render();
    }
}
