package dev.lifeline.deploy;

import dev.lifeline.testing.DevTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code lifeline demo}: a fresh demo account on the running suite, made through the public REST APIs the way the
 * operator's back office makes one (an admin token of the run): a verified email, a known password, a SUSPENDED phone
 * and a KYC profile. stdout gets the account as shell exports, for {@code eval} as {@code env}'s; stderr the account
 * for a reader and the walkthrough of a recovery by hand — the block the README's "Walkthrough: a recovery by hand"
 * shows, which the end-to-end tests run verbatim. The benchmark makes its owners the same way ({@link #on}).
 */
public final class Demo {

    static final String REAL_NAME = "Li Wei";
    /** A valid PRC resident ID number (MOD 11-2 check character), the same for every demo account. */
    static final String ID_NUMBER = "11010519491231002X";
    static final String CARD_ISSUER = "ICBC";
    static final String CARD_LAST4 = "4321";
    static final String REGISTRATION_CITY = "Hangzhou";
    static final String REGISTRATION_DATE = "2015-06-01";
    /**
     * Keys of kyc-service's question catalogue, in its order: a check shows two questions, in catalogue order, so
     * with two on file the evidence answers them in this order.
     */
    static final List<SecurityQuestion> SECURITY_QUESTIONS = List.of(
            new SecurityQuestion("first-pet", "Mochi"),
            new SecurityQuestion("parents-wedding-city", "Suzhou"));
    /** The password the walkthrough sets: long, and in no blocklist. */
    public static final String NEW_PASSWORD = "river-lantern-quietly-83";

    /**
     * The recovery by hand, in a shell where {@code eval "$(deploy/lifeline env)"} and
     * {@code eval "$(deploy/lifeline demo)"} ran. JSON is read with sed, as jq is not everywhere.
     */
    static final String WALKTHROUGH = """
            # 1. The gateway starts a recovery for the username; the answer holds its id and secret token.
            started=$(curl -sf -H 'Content-Type: application/json' -d "{\\"identifier\\": \\"$DEMO_USERNAME\\"}" "$LIFELINE_IDENTITY_URL/api/v1/recoveries")
            recovery=$(sed -n 's/.*"recoveryId":"\\([^"]*\\)".*/\\1/p' <<<"$started")
            token=$(sed -n 's/.*"recoveryToken":"\\([^"]*\\)".*/\\1/p' <<<"$started")
            # 2. A code goes to the bound email: read it from the suite's mail server (the raw MIME) once it is there.
            until code=$(curl -sf "$LIFELINE_MAIL_API_URL/api/user/$DEMO_EMAIL/messages/INBOX" | grep -o 'verification code: [0-9]*' | sed -n '1s/.* //p') && [[ -n $code ]]; do sleep 1; done
            # 3. Confirming the code is the EMAIL evidence.
            curl -sf -w '\\n' -H 'Content-Type: application/json' -H "Recovery-Token: $token" -d "{\\"code\\": \\"$code\\"}" "$LIFELINE_EMAIL_VERIFICATION_URL/api/v1/email-verifications/$recovery/confirm"
            # 4. The identity check asks the security questions on file (once kyc-service has opened it).
            until curl -sf -w '\\n' -H "Recovery-Token: $token" "$LIFELINE_KYC_URL/api/v1/identity-checks/$recovery"; do sleep 1; done
            # 5. The answers, the ID number and the bank card are the IDENTITY evidence: typed facts reach SUBSTANTIAL at most.
            curl -sf -w '\\n' -H 'Content-Type: application/json' -H "Recovery-Token: $token" -d '%1$s' "$LIFELINE_KYC_URL/api/v1/identity-checks/$recovery/evidence"
            # 6. Once identity-service has heard of both and the cooling-off has passed (the suite's 5 s; 24 h by default), the recovery is READY.
            until [[ $(curl -sf -H "Recovery-Token: $token" "$LIFELINE_IDENTITY_URL/api/v1/recoveries/$recovery") == *'"status":"READY"'* ]]; do sleep 1; done
            # 7. The new password replaces the old one; the recovery token dies with the reset.
            curl -sf -H 'Content-Type: application/json' -H "Recovery-Token: $token" -d '{"newPassword": "%2$s"}' "$LIFELINE_IDENTITY_URL/api/v1/recoveries/$recovery/password"
            # 8. The gateway's login check takes the new password: it answers with the account's id.
            curl -sf -w '\\n' -H 'Content-Type: application/json' -d "{\\"identifier\\": \\"$DEMO_USERNAME\\", \\"password\\": \\"%2$s\\"}" "$LIFELINE_IDENTITY_URL/api/v1/authentications"
            """.formatted(evidenceJson(), NEW_PASSWORD);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ACCOUNT_ID = Pattern.compile("\"accountId\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record SecurityQuestion(String key, String answer) {
    }

    /** A demo account as created: what its owner knows. */
    public record Account(String accountId, String username, String email, String password, String phone) {
    }

    private final String identityUrl;
    private final String kycUrl;
    private final String adminToken;

    Demo(RunState state) {
        this(state.get("service." + LifelineService.IDENTITY.artifact + ".url"),
                state.get("service." + LifelineService.KYC.artifact + ".url"),
                DevTokens.load(Path.of(state.get("keys.dir"))).sign("admin", "lifeline-demo"));
    }

    private Demo(String identityUrl, String kycUrl, String adminToken) {
        this.identityUrl = identityUrl;
        this.kycUrl = kycUrl;
        this.adminToken = adminToken;
    }

    /** Demo accounts on a suite at these addresses, made with an admin token of its run. */
    public static Demo on(String identityUrl, String kycUrl, String adminToken) {
        return new Demo(identityUrl, kycUrl, adminToken);
    }

    /** Creates a fresh account with its KYC profile and prints it (stdout) and the walkthrough (stderr). */
    int run(PrintStream out, PrintStream err) {
        Account account = createAccount();
        out.println(Lifeline.exportLine("DEMO_ACCOUNT_ID", account.accountId()));
        out.println(Lifeline.exportLine("DEMO_USERNAME", account.username()));
        out.println(Lifeline.exportLine("DEMO_EMAIL", account.email()));
        out.println(Lifeline.exportLine("DEMO_PASSWORD", account.password()));
        out.println(Lifeline.exportLine("DEMO_PHONE", account.phone()));
        err.println("Demo account " + account.username() + " (account id " + account.accountId() + "):");
        err.println("  email " + account.email() + " (verified), password " + account.password()
                + ", phone " + account.phone() + " SUSPENDED");
        err.println("  KYC profile: " + REAL_NAME + ", ID number " + ID_NUMBER + ", " + CARD_ISSUER + " card ****"
                + CARD_LAST4 + ", registered in " + REGISTRATION_CITY + " on " + REGISTRATION_DATE);
        for (SecurityQuestion question : SECURITY_QUESTIONS) {
            err.println("  security question " + question.key() + ": " + question.answer());
        }
        err.println();
        err.println("Recover it by hand: in a shell where eval \"$(deploy/lifeline env)\" ran, paste the export lines above");
        err.println("(or run eval \"$(deploy/lifeline demo)\" for a new account), then these steps:");
        err.println();
        err.print(WALKTHROUGH);
        return 0;
    }

    /** A fresh account with its KYC profile: an Argon2id hash in identity-service, PBKDF2 of each answer in kyc-service. */
    public Account createAccount() {
        String name = "demo-" + HexFormat.of().formatHex(randomBytes(4));
        String email = name + "@example.com";
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(15));
        String phone = "+86138" + (10_000_000 + RANDOM.nextInt(90_000_000));
        String account = "{\"username\": " + DevTokens.json(name) + ", \"email\": " + DevTokens.json(email)
                + ", \"emailVerified\": true, \"phone\": " + DevTokens.json(phone)
                + ", \"phoneStatus\": \"SUSPENDED\", \"password\": " + DevTokens.json(password)
                + ", \"locale\": \"en\", \"mfaEnrolled\": false}";
        String created = send("identity-service", "POST", identityUrl + "/api/v1/accounts", account, 201);
        Matcher accountId = ACCOUNT_ID.matcher(created);
        if (!accountId.find()) {
            throw new IllegalStateException("identity-service created an account but named no accountId: " + created);
        }
        send("kyc-service", "PUT", kycUrl + "/api/v1/kyc-profiles/" + accountId.group(1), profileJson(), 204);
        return new Account(accountId.group(1), name, email, password, phone);
    }

    /** The profile the admin PUTs: every fact the walkthrough's evidence gives, and the questions. */
    private static String profileJson() {
        String questions = SECURITY_QUESTIONS.stream()
                .map(q -> "{\"key\": " + DevTokens.json(q.key()) + ", \"answer\": " + DevTokens.json(q.answer()) + "}")
                .collect(Collectors.joining(", "));
        return "{\"realName\": " + DevTokens.json(REAL_NAME) + ", \"idNumber\": " + DevTokens.json(ID_NUMBER)
                + ", \"bankCard\": " + bankCardJson()
                + ", \"registration\": {\"city\": " + DevTokens.json(REGISTRATION_CITY) + ", \"date\": "
                + DevTokens.json(REGISTRATION_DATE) + "}, \"securityQuestions\": [" + questions + "]}";
    }

    /** The walkthrough's identity evidence: the answers, the ID number and the bank card (HIGH). */
    public static String evidenceJson() {
        String answers = SECURITY_QUESTIONS.stream().map(q -> DevTokens.json(q.answer())).collect(Collectors.joining(", "));
        return "{\"answers\": [" + answers + "], \"idNumber\": " + DevTokens.json(ID_NUMBER) + ", \"bankCard\": "
                + bankCardJson() + "}";
    }

    private static String bankCardJson() {
        return "{\"issuer\": " + DevTokens.json(CARD_ISSUER) + ", \"last4\": " + DevTokens.json(CARD_LAST4) + "}";
    }

    /** One admin call; its body, or an exception whose message says what the service answered instead. */
    private String send(String service, String method, String url, String json, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(service + " answered " + method + " " + url + " with "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(service + " does not answer at " + url + " (" + e
                    + "); see deploy/lifeline status");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + service, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
