package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** identity-service's REST contract, as the gateway (and admin, support) call it. */
final class IdentityApi {

    private final String url;
    private final Suite suite;

    IdentityApi(String url, Suite suite) {
        this.url = url;
        this.suite = suite;
    }

    /** The owner's account: verified email, a SUSPENDED phone (the case Lifeline is for), English mails. */
    String createAccount(Owner owner, boolean mfaEnrolled) {
        Map<String, Object> account = Map.of("username", owner.username(), "email", owner.email(),
                "emailVerified", true, "phone", owner.phone(), "phoneStatus", "SUSPENDED",
                "password", owner.password(), "locale", "en", "mfaEnrolled", mfaEnrolled);
        return Http.post(url + "/api/v1/accounts", account, Http.bearer(suite.token("admin", "e2e-admin")))
                .expect(201, "create account " + owner.username()).json().path("accountId").asText();
    }

    StartedRecovery start(Owner owner) {
        JsonNode started = Http.post(url + "/api/v1/recoveries", Map.of("identifier", owner.username()),
                        Map.of("X-Forwarded-For", owner.address()))
                .expect(202, "start a recovery of " + owner.username()).json();
        return new StartedRecovery(started.path("recoveryId").asText(), started.path("recoveryToken").asText(), owner);
    }

    Http.Answer status(StartedRecovery recovery) {
        return Http.get(url + "/api/v1/recoveries/" + recovery.id(), recovery.headers());
    }

    /** Waits until the recovery shows {@code status}, and returns its view. */
    JsonNode awaitStatus(StartedRecovery recovery, String status) {
        return await(recovery + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(recovery).expect(200, "status of " + recovery).json(),
                        view -> view.path("status").asText().equals(status));
    }

    Http.Answer resetPassword(StartedRecovery recovery, String newPassword) {
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/password",
                Map.of("newPassword", newPassword), recovery.headers());
    }

    /** Asks for a code texted to the new number, the first step of binding it after the reset. */
    Http.Answer requestPhoneCode(StartedRecovery recovery, String phone) {
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/phone", Map.of("phone", phone),
                recovery.headers());
    }

    /** Binds the new number with the code texted to it. */
    Http.Answer confirmPhone(StartedRecovery recovery, String code) {
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/phone/confirm", Map.of("code", code),
                recovery.headers());
    }

    Http.Answer useRecoveryCode(StartedRecovery recovery, String code) {
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/recovery-code", Map.of("code", code),
                recovery.headers());
    }

    Http.Answer cancelByOwner(StartedRecovery recovery, String password) {
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/cancel",
                Map.of("identifier", recovery.owner().username(), "password", password),
                Map.of("X-Forwarded-For", recovery.owner().address()));
    }

    Http.Answer cancelBySupport(StartedRecovery recovery, String agent, String reason) {
        Map<String, String> headers = new HashMap<>(Http.bearer(suite.token("support-agent", agent)));
        headers.put("X-Forwarded-For", "192.0.2.10");
        return Http.post(url + "/api/v1/recoveries/" + recovery.id() + "/cancel", Map.of("reason", reason), headers);
    }

    /** The gateway's login check. */
    Http.Answer authenticate(Owner owner, String password) {
        return Http.post(url + "/api/v1/authentications",
                Map.of("identifier", owner.username(), "password", password),
                Map.of("X-Forwarded-For", owner.address()));
    }

    /** The gateway saves a set of recovery codes for the signed-in owner; they are shown once. */
    List<String> issueRecoveryCodes(String accountId) {
        JsonNode issued = Http.post(url + "/api/v1/accounts/" + accountId + "/recovery-codes", Map.of(),
                        Http.bearer(suite.token("gateway", accountId)))
                .expect(201, "recovery codes of " + accountId).json();
        List<String> codes = new ArrayList<>();
        issued.path("codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
