package dev.lifeline.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** email-verification-service's REST contract, and the codes it mails, read from the suite's mailbox. */
final class EmailVerificationApi {

    private static final Pattern CODE = Pattern.compile("Your verification code: ([0-9]{6})(?![0-9])");

    private final String url;
    private final Suite suite;

    EmailVerificationApi(String url, Suite suite) {
        this.url = url;
        this.suite = suite;
    }

    Http.Answer confirm(StartedRecovery recovery, String code) {
        return Http.post(url + "/api/v1/email-verifications/" + recovery.id() + "/confirm", Map.of("code", code),
                recovery.headers());
    }

    /** The {@code ordinal}-th code (1 for the first) mailed to the owner, once it has arrived. */
    String awaitCode(Owner owner, int ordinal) {
        List<String> codes = await("code mail " + ordinal + " to " + owner.email()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> codesMailedTo(owner), all -> all.size() >= ordinal);
        return codes.get(ordinal - 1);
    }

    /** The owner's first code, confirmed: EMAIL is satisfied evidence once identity-service hears of it. */
    void confirmMailedCode(StartedRecovery recovery) {
        confirm(recovery, awaitCode(recovery.owner(), 1)).expect(200, "confirm the mailed code of " + recovery);
    }

    private List<String> codesMailedTo(Owner owner) {
        return suite.mailsTo(owner.email()).stream().map(CODE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).toList();
    }
}
