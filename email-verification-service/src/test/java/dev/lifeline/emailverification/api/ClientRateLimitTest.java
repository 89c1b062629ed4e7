package dev.lifeline.emailverification.api;

import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.newClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tests allow 12 failed requests per client address in a 4 s window (lifeline.email-verification.requests-per-client);
 * successes are forgiven.
 */
@EmailVerificationTest
class ClientRateLimitTest {

    private static final long WINDOW_MILLIS = 4_000;

    @Test
    void oneClientSprayingRecoveriesIsRateLimitedWhileTheOwnerElsewhereIsNot() {
        TestRecovery recovery = Recoveries.withEmail();
        String code = Mailbox.awaitFirstMail(recovery.email()).code();
        String sprayer = newClient();
        // Start early in a window, so that all the spray counts in one.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() % WINDOW_MILLIS < 500);

        List<Response> spray = AtOnce.run(Collections.nCopies(16,
                () -> confirm(UUID.randomUUID(), "guess", "123456", sprayer)));

        assertThat(spray).extracting(Response::statusCode).containsOnly(400, 429);
        assertThat(spray).filteredOn(r -> r.statusCode() == 429).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(limited -> {
                    assertThat(limited.jsonPath().getString("type")).endsWith("/rate-limited");
                    assertThat(limited.header("Retry-After")).isNotNull();
                });
        confirm(recovery, code).then().statusCode(200);
    }

    @Test
    void manyOwnersBehindOneAddressVerifyingTheirOwnCodesUseUpNoLimit() {
        String sharedAddress = newClient();
        // Everything within one window (4 s) and one code's life (6 s): more successes than the limit counts.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() % WINDOW_MILLIS < 300);
        List<TestRecovery> recoveries = AtOnce.run(Collections.<java.util.function.Supplier<TestRecovery>>nCopies(14, Recoveries::withEmail));
        List<String> codes = AtOnce.run(recoveries.stream()
                .<java.util.function.Supplier<String>>map(r -> () -> Mailbox.awaitFirstMail(r.email()).code()).toList());

        List<Integer> statuses = AtOnce.run(IntStream.range(0, recoveries.size())
                .<java.util.function.Supplier<Integer>>mapToObj(i -> () -> confirm(recoveries.get(i).recoveryId(),
                        recoveries.get(i).token(), codes.get(i), sharedAddress).statusCode()).toList());

        assertThat(statuses).containsOnly(200);
    }
}
