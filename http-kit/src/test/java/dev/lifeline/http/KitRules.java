package dev.lifeline.http;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vertx.core.http.HttpServerRequest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Services use the HTTP kit rather than copies of it. Each service's architecture test includes these rules
 * ({@code @ArchTest static final ArchTests kit = ArchTests.in(KitRules.class);}), analysing its own classes.
 */
public final class KitRules {

    private static final String KIT = "dev.lifeline.http..";

    private KitRules() {
    }

    /** The client address is the kit's rule (X-Forwarded-For from the right, past trusted proxies), nobody else's. */
    @ArchTest
    public static final ArchRule clientAddressesComeFromTheKit = noClasses()
            .that().resideOutsideOfPackage(KIT)
            .should().callMethod(HttpServerRequest.class, "remoteAddress")
            .because("ClientAddress.of(request) is the one rule for who the client is");

    /** Problems, pseudonyms, the audit line, rate limits, floors, token hashes, masks and languages exist once, in the kit. */
    @ArchTest
    public static final ArchRule noSecondCopyOfTheKit = noClasses()
            .that().resideOutsideOfPackage(KIT)
            .should().haveSimpleName("Problem").orShould().haveSimpleName("ProblemException")
            .orShould().haveSimpleName("ProblemResponses").orShould().haveSimpleName("ClientAddress")
            .orShould().haveSimpleName("Pseudonyms").orShould().haveSimpleName("Audit")
            .orShould().haveSimpleName("RateLimiter").orShould().haveSimpleName("ResponseFloor")
            .orShould().haveSimpleName("TokenHashes").orShould().haveSimpleName("Masks")
            .orShould().haveSimpleName("Locales")
            .because("the HTTP kit has them; a second copy drifts");

    /** A sleeping request holds a worker thread: floors and delays use ResponseFloor's timer. */
    @ArchTest
    public static final ArchRule requestsNeverSleep = noClasses()
            .that().resideOutsideOfPackage(KIT)
            .should().callMethod(Thread.class, "sleep", long.class)
            .because("ResponseFloor delays an answer without holding a thread");
}
