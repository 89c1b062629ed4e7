package dev.lifeline.emailverification.link;

import dev.lifeline.emailverification.challenge.ChallengeConfig;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.emailverification.challenge.EmailChallenge.Result;
import dev.lifeline.emailverification.challenge.Verifications;
import dev.lifeline.emailverification.mail.LinksConfig;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.locale.Locales;
import dev.lifeline.http.ratelimit.ResponseFloor;
import io.quarkus.qute.Engine;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The link in the mail, safe from scanners: {@code GET /verify?t=…} only shows a page whose button POSTs the token,
 * so mail scanners and link previews that fetch the URL consume nothing; the POST consumes it. A link that no
 * longer works gets a page that says what to do next, never a bare error. The pages are in the recipient's
 * language (the account's, or the browser's when the link names no challenge), carry the kit's security headers
 * (no-store, no-referrer, a strict Content-Security-Policy, DENY framing) and are not indexable.
 */
@Path("/verify")
@Produces(MediaType.TEXT_HTML)
public class VerificationPageResource {

    /** Link tokens are base64url; anything else cannot be one. */
    private static final Pattern LINK_TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final String NOT_INDEXABLE = "noindex, nofollow";

    private enum View {
        CONFIRM("confirm", Response.Status.OK),
        DONE("done", Response.Status.OK),
        EXPIRED("expired", Response.Status.GONE),
        UNUSABLE("unusable", Response.Status.GONE);

        final String template;
        final Response.Status status;

        View(String template, Response.Status status) {
            this.template = template;
            this.status = status;
        }
    }

    /** When the recovery was asked for, in the page's language, in UTC (the page cannot know the reader's zone). */
    private static final Map<String, DateTimeFormatter> REQUESTED_AT = Map.of(
            Locales.ENGLISH, DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC),
            Locales.CHINESE, DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm（'UTC'）", Locale.CHINESE).withZone(ZoneOffset.UTC));

    private final Verifications verifications;
    private final Engine engine;
    private final ChallengeConfig config;
    private final LinksConfig links;

    VerificationPageResource(Verifications verifications, Engine engine, ChallengeConfig config, LinksConfig links) {
        this.verifications = verifications;
        this.engine = engine;
        this.config = config;
        this.links = links;
    }

    /** Parses both languages' pages at start, so that the first reader does not wait for it. */
    void preparePages(@Observes StartupEvent started) {
        List.of(Locales.ENGLISH, Locales.CHINESE).forEach(language ->
                engine.getTemplate("pages/verify-" + language + ".html"));
    }

    @GET
    @Blocking
    public Response show(@QueryParam("t") String token, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String languages) {
        Optional<EmailChallenge> challenge = wellFormed(token) ? verifications.ofLink(token) : Optional.empty();
        if (challenge.isEmpty()) {
            return page(View.UNUSABLE, Locales.ofAcceptLanguage(languages), null);
        }
        Optional<Result> refusal = challenge.get().refusalOfLink(Instant.now());
        return refusal.isEmpty()
                ? confirmPage(challenge.get(), token)
                : page(viewOf(refusal.get()), challenge.get().locale(), null);
    }

    /**
     * "Was this you?" before "confirm": the mail of a stranger's recovery reaches the owner too, and one click on
     * confirm would hand the stranger the EMAIL evidence (consent phishing). So the page says when and from which
     * network the recovery was asked for, and its first button stops the recovery on the gateway's cancel page.
     */
    private Response confirmPage(EmailChallenge challenge, String token) {
        String language = Locales.supported(challenge.locale());
        EmailChallenge.Request request = challenge.request();
        return page(View.CONFIRM, language, token, Map.of(
                "requestedAt", request.recorded() ? REQUESTED_AT.get(language).format(request.at()) : "",
                "requestedFrom", request.from().orElse(""),
                "cancelUrl", links.recoveryCancel() + "?recovery=" + challenge.recoveryId()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    public Uni<Response> confirm(@FormParam("t") String token,
                                 @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String languages,
                                 @Context HttpServerRequest request) {
        String from = ClientAddress.of(request);
        String fallbackLanguage = Locales.ofAcceptLanguage(languages);
        return ResponseFloor.of(config.responseFloor()).hold(() -> {
            if (!wellFormed(token)) {
                return page(View.UNUSABLE, fallbackLanguage, null);
            }
            // The page's language is the challenge's, when the link names one.
            Verifications.LinkConfirmation confirmed = verifications.confirmLink(token, from);
            return page(viewOf(confirmed.result()), confirmed.locale().orElse(fallbackLanguage), null);
        });
    }

    private static View viewOf(Result result) {
        return switch (result) {
            case VERIFIED -> View.DONE;
            case EXPIRED -> View.EXPIRED;
            default -> View.UNUSABLE;
        };
    }

    private static boolean wellFormed(String token) {
        return token != null && LINK_TOKEN.matcher(token).matches();
    }

    private Response page(View view, String language, String token) {
        return page(view, language, token, Map.of());
    }

    private Response page(View view, String language, String token, Map<String, String> facts) {
        var page = engine.getTemplate("pages/verify-" + Locales.supported(language) + ".html").instance()
                .data("view", view.template)
                .data("token", token == null ? "" : token);
        for (String name : List.of("requestedAt", "requestedFrom", "cancelUrl")) {
            page.data(name, facts.getOrDefault(name, ""));
        }
        String html = page.render();
        return Response.status(view.status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("X-Robots-Tag", NOT_INDEXABLE)
                .build();
    }
}
