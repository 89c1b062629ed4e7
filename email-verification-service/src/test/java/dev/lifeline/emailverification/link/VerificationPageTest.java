package dev.lifeline.emailverification.link;

import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.events.EmailVerificationMethod;
import dev.lifeline.events.EmailVerified;
import dev.lifeline.events.EventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.linkPage;
import static dev.lifeline.emailverification.testing.Api.pressLinkButton;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

@EmailVerificationTest
class VerificationPageTest {

    @Test
    void fetchingTheLinkConsumesNothingAndThePagesButtonVerifiesTheEmail() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();

        // A mail scanner and a link preview fetch the URL before the user does.
        linkPage(token).then().statusCode(200);
        Response page = linkPage(token);

        page.then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"verify\">"))
                .body(containsString("name=\"t\" value=\"" + token + "\""));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).isEmpty();

        pressLinkButton(token).then().statusCode(200).body(containsString("Email address confirmed"));
        EmailVerified verified = (EmailVerified) PublishedEvents.awaitOne(recovery.recoveryId(), EventType.EMAIL_VERIFIED);
        assertThat(verified.method()).isEqualTo(EmailVerificationMethod.LINK);
    }

    @Test
    void thePageSaysWhenAndFromWhereTheRecoveryWasAskedForAndOffersToStopItFirst() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();

        String page = linkPage(token).then().statusCode(200).extract().asString();

        assertThat(page).contains("Was this you?").contains("from the network " + Recoveries.REQUESTED_FROM)
                .containsPattern("on \\d{1,2} \\w+ \\d{4}, \\d\\d:\\d\\d UTC");
        String stop = "href=\"https://account.example.test/recovery/cancel?recovery=" + recovery.recoveryId() + "\"";
        assertThat(page).contains(stop);
        assertThat(page.indexOf(stop)).as("'Not me' comes before 'confirm'")
                .isLessThan(page.indexOf("<form method=\"post\" action=\"verify\">"));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).isEmpty();
    }

    @Test
    void aChallengeFromBeforeRequestsWereKeptNamesNeitherTimeNorNetwork() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();
        // As V4 left the rows it found: the challenge knows only when it opened, not when the recovery was asked for.
        QuarkusTransaction.requiringNew().run(() -> EmailChallenge.update(
                "requestedAt = null, requestedFrom = null where recoveryId = ?1", recovery.recoveryId()));

        linkPage(token).then().statusCode(200).body(containsString("<p>Someone asked to recover your account.</p>"));
    }

    @Test
    void aUsedLinkGetsAPageWithTheNextStep() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();
        pressLinkButton(token).then().statusCode(200);

        pressLinkButton(token).then().statusCode(410).body(containsString("This link no longer works"))
                .body(containsString("start the recovery again"));
        linkPage(token).then().statusCode(410).body(containsString("This link no longer works"));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).hasSize(1);
    }

    @Test
    void anExpiredLinkSaysSoAndHowToGetANewCode() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();

        // The tests' codes and links live 6 s.
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> linkPage(token).statusCode() == 410);

        linkPage(token).then().body(containsString("This link has expired")).body(containsString("ask for a new code"));
        pressLinkButton(token).then().statusCode(410).body(containsString("This link has expired"));
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).isEmpty();
    }

    @Test
    void anUnknownOrMalformedLinkGetsThePageInTheBrowsersLanguage() {
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").queryParam("t", "A".repeat(43))
                .get("/verify").then().statusCode(410)
                .body(containsString("<html lang=\"zh-CN\">")).body(containsString("此链接已失效"));
        given().queryParam("t", "<script>").get("/verify").then().statusCode(410)
                .body(containsString("This link no longer works"));
        given().get("/verify").then().statusCode(410).body(containsString("This link no longer works"));
    }

    @Test
    void thePageIsInTheRecipientsLanguage() {
        TestRecovery recovery = Recoveries.withEmail("zh-CN");
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();

        given().header("Accept-Language", "en").queryParam("t", token).get("/verify").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">")).body(containsString("确认我的邮箱地址"));
        given().header("Accept-Language", "en").contentType("application/x-www-form-urlencoded").formParam("t", token)
                .post("/verify").then().statusCode(200).body(containsString("邮箱地址已确认"));
    }

    @Test
    void pagesCarryTheSecurityHeadersAndAreNotIndexable() {
        TestRecovery recovery = Recoveries.withEmail();
        String token = Mailbox.awaitFirstMail(recovery.email()).linkToken();

        for (Response page : List.of(linkPage(token), pressLinkButton(token), linkPage(token))) {
            page.then()
                    .contentType(startsWith("text/html"))
                    .header("Cache-Control", is("no-store"))
                    .header("Referrer-Policy", is("no-referrer"))
                    .header("X-Content-Type-Options", is("nosniff"))
                    .header("X-Frame-Options", is("DENY"))
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("form-action 'self'"))
                    .header("X-Robots-Tag", is("noindex, nofollow"))
                    .body(containsString("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        }
    }

    @Test
    void aCodeRacingTheLinkVerifiesOnce() {
        TestRecovery recovery = Recoveries.withEmail();
        Mail mail = Mailbox.awaitFirstMail(recovery.email());

        List<Integer> statuses = AtOnce.run(
                () -> confirm(recovery, mail.code()).statusCode(),
                () -> pressLinkButton(mail.linkToken()).statusCode(),
                () -> confirm(recovery, mail.code()).statusCode(),
                () -> pressLinkButton(mail.linkToken()).statusCode());

        assertThat(statuses).containsOnlyOnce(200);
        assertThat(PublishedEvents.decided(recovery.recoveryId(), EventType.EMAIL_VERIFIED)).hasSize(1);
    }
}
