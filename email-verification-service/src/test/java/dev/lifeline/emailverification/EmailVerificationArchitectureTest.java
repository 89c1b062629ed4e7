package dev.lifeline.emailverification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.lifeline.http.KitRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the challenge's rules free of HTTP and the service out of other services' internals. */
@AnalyzeClasses(packages = "dev.lifeline.emailverification", importOptions = ImportOption.DoNotIncludeTests.class)
class EmailVerificationArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServicesInternals = noClasses()
            .that().resideInAPackage("dev.lifeline.emailverification..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity..", "dev.lifeline.kyc..", "dev.lifeline.notification..");

    @ArchTest
    static final ArchRule theChallengeKnowsNothingOfHttpOrMail = noClasses()
            .that().resideInAPackage("dev.lifeline.emailverification.challenge")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.emailverification.api..", "dev.lifeline.emailverification.link..",
                    "dev.lifeline.emailverification.mail..", "jakarta.ws.rs..", "io.quarkus.mailer..");

    /** Problems, client address, pseudonyms, audit, rate limits and floors come from the HTTP kit. */
    @ArchTest
    static final ArchTests usesTheHttpKit = ArchTests.in(KitRules.class);
}
