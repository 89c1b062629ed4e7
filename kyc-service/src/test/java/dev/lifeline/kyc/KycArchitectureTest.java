package dev.lifeline.kyc;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.lifeline.http.KitRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps kyc-service out of other services' internals, and on the HTTP kit. */
@AnalyzeClasses(packages = "dev.lifeline.kyc", importOptions = ImportOption.DoNotIncludeTests.class)
class KycArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServicesInternals = noClasses()
            .that().resideInAPackage("dev.lifeline.kyc..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity..", "dev.lifeline.emailverification..", "dev.lifeline.notification..");

    /** Problems, client address, pseudonyms, audit, rate limits and floors come from the HTTP kit. */
    @ArchTest
    static final ArchTests usesTheHttpKit = ArchTests.in(KitRules.class);
}
