package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.kyc.profile.CountingHashing;
import dev.lifeline.kyc.profile.FactHashing;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.Header;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.lifeline.kyc.check.IdentityCheckTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * Evidence is limited per client address, failures only (lifeline.identity-checks.evidence-per-client, 8 in the
 * tests, per lifeline.rate-limit.window): decoys are cheap to start, and a stranger's wrong evidence to them must not
 * keep the hashing slots from the owner (issue 22.10). Each test sends from an address of its own, and counts into
 * one window.
 */
@KycTest
class EvidenceLimitTest {

    @ConfigProperty(name = "lifeline.identity-checks.evidence-per-client")
    int limit;

    @ConfigProperty(name = "lifeline.rate-limit.window")
    Duration window;

    @Inject
    Scheduler scheduler;

    @Test
    void pastTheLimitAClientsNextEvidenceIsA429BeforeAnyHashAndSpendsNoAttempt() {
        TestRecovery target = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        CountingHashing hashing = new CountingHashing();
        QuarkusMock.installMockForType(hashing, FactHashing.class);
        String client = newClient();
        wrongEvidenceUpToTheLimit(client);
        assertThat(hashing.takeCount()).as("slow hashes of the evidence up to the limit").isPositive();

        Response refused = submit(target, Profiles.wrong(), client);

        refused.then().statusCode(429).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, window.toSeconds());
        assertThat(hashing.takeCount()).as("slow hashes of the refused evidence").isZero();
        assertThat(Recoveries.find(target.recoveryId()).attemptsLeft()).isEqualTo(IdentityCheck.ATTEMPTS);
    }

    @Test
    void aDecoysAndARealRecoverysEvidenceMeetTheSameLimitWithTheSame429() {
        TestRecovery real = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        TestRecovery decoy = Recoveries.decoy();
        String client = newClient();
        wrongEvidenceUpToTheLimit(client);

        Response toTheDecoy = submit(decoy, Profiles.wrong(), client);
        Response toTheRealOne = submit(real, Profiles.wrong(), client);

        assertThat(toTheDecoy.statusCode()).isEqualTo(429);
        assertThat(toTheDecoy.header("Retry-After")).isNotBlank();
        assertThat(answer(toTheDecoy)).isEqualTo(answer(toTheRealOne));
        assertThat(Recoveries.find(real.recoveryId()).attemptsLeft()).isEqualTo(IdentityCheck.ATTEMPTS);
        assertThat(Recoveries.find(decoy.recoveryId()).attemptsLeft()).isEqualTo(IdentityCheck.ATTEMPTS);
    }

    @Test
    void evidenceThatConfirmsOrGoesToReviewIsNotCounted() {
        // Alternately a recovery that knowledge confirms and one that needs HIGH, which knowledge sends to review.
        List<TestRecovery> owners = IntStream.rangeClosed(0, limit).mapToObj(i -> Recoveries.of(Profiles.stored(),
                i % 2 == 0 ? Assurance.SUBSTANTIAL : Assurance.HIGH)).toList();
        TestRecovery decoy = Recoveries.decoy();
        String sharedAddress = newClient();
        awaitRoomInTheWindow();

        for (int i = 0; i < owners.size(); i++) {
            submit(owners.get(i), Profiles.knowledge(), sharedAddress).then().statusCode(200)
                    .body("status", is(i % 2 == 0 ? "CONFIRMED" : "IN_REVIEW"));
        }

        submit(decoy, Profiles.wrong(), sharedAddress).then().statusCode(200).body("status", is("NOT_CONFIRMED"));
    }

    @Test
    void concurrentWrongEvidenceFromOneAddressGetsPastTheCountAtMostLimitTimes() {
        List<TestRecovery> decoys = Stream.generate(Recoveries::decoy).limit(limit + 5).toList();
        String client = newClient();
        awaitRoomInTheWindow();

        List<Integer> statuses = AtOnce.run(decoys.stream()
                .<Supplier<Integer>>map(decoy -> () -> submit(decoy, Profiles.wrong(), client).statusCode()).toList());

        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(limit);
    }

    @Test
    void anotherAddressIsNotLimited() {
        TestRecovery decoy = Recoveries.decoy();
        String limited = newClient();
        wrongEvidenceUpToTheLimit(limited);

        submit(decoy, Profiles.wrong(), newClient()).then().statusCode(200).body("status", is("NOT_CONFIRMED"));
        submit(decoy, Profiles.wrong(), limited).then().statusCode(429);
    }

    @Test
    void endedWindowsOfTheCountArePurgedHere() {
        // The HTTP kit's RateLimitPurge: without it, rate_limit_window would grow by a row per address and window.
        assertThat(scheduler.getScheduledJobs()).extracting(Trigger::getMethodDescription)
                .anyMatch(method -> method.startsWith("dev.lifeline.http.ratelimit.RateLimitPurge#"));
    }

    /** Exactly {@code limit} wrong evidences from {@code client}, to decoys (three attempts each), all answered. */
    private void wrongEvidenceUpToTheLimit(String client) {
        List<TestRecovery> decoys = Stream.generate(Recoveries::decoy)
                .limit((limit + IdentityCheck.ATTEMPTS - 1) / IdentityCheck.ATTEMPTS).toList();
        awaitRoomInTheWindow();
        for (int i = 0; i < limit; i++) {
            submit(decoys.get(i / IdentityCheck.ATTEMPTS), Profiles.wrong(), client).then().statusCode(200)
                    .body("status", is(i % IdentityCheck.ATTEMPTS == IdentityCheck.ATTEMPTS - 1 ? "REJECTED" : "NOT_CONFIRMED"));
        }
    }

    /**
     * Returns once the current window (aligned to the epoch, as the limiter aligns it) has a minute left, so that no
     * window ends between a test's counted requests; waits only near a window's end.
     */
    private void awaitRoomInTheWindow() {
        long windowMillis = window.toMillis();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> windowMillis - System.currentTimeMillis() % windowMillis > 60_000);
    }

    /** A fresh client address, in 198.19.0.0/16 (of 198.18.0.0/15, which is set aside for benchmark tests). */
    private static String newClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.19." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** Status, body (but its instance, the request's own path) and header names: what a client can compare. */
    private static Map<String, Object> answer(Response response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", response.statusCode());
        Map<String, Object> body = new LinkedHashMap<>(response.jsonPath().getMap(""));
        body.remove("instance");
        answer.put("body", body);
        Set<String> headerNames = response.headers().asList().stream().map(Header::getName)
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        answer.put("headers", headerNames);
        return answer;
    }
}
