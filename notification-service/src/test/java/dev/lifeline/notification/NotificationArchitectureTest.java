package dev.lifeline.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.lifeline.http.KitRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Messages know nothing of how they travel, channels nothing of the delivery log, and the service nothing of other
 * services' internals.
 */
@AnalyzeClasses(packages = "dev.lifeline.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServicesInternals = noClasses()
            .that().resideInAPackage("dev.lifeline.notification..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity..", "dev.lifeline.emailverification..", "dev.lifeline.kyc..");

    @ArchTest
    static final ArchRule channelsKnowNothingOfTheDeliveryLog = noClasses()
            .that().resideInAnyPackage("dev.lifeline.notification.channel..", "dev.lifeline.notification.ssf..",
                    "dev.lifeline.notification.message..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lifeline.notification.delivery..",
                    "dev.lifeline.notification.api..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.lifeline.notification.(*)..").should().beFreeOfCycles();

    /** Problems, client address, pseudonyms, audit, rate limits and floors come from the HTTP kit. */
    @ArchTest
    static final ArchTests usesTheHttpKit = ArchTests.in(KitRules.class);
}
