package dev.lifeline.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The published language is plain records and JSON: an audit consumer or the gateway can read events with
 * nothing but Jackson, and no business rule or framework concern leaks into it.
 */
@AnalyzeClasses(packages = "dev.lifeline.events", importOptions = ImportOption.DoNotIncludeTests.class)
class PublishedLanguageArchitectureTest {

    @ArchTest
    static final ArchRule eventsDoNotDependOnTheMessagingPlumbing = noClasses()
            .that().resideInAPackage("dev.lifeline.events")
            .should().dependOnClassesThat().resideInAPackage("dev.lifeline.events.messaging..");

    @ArchTest
    static final ArchRule eventsDoNotDependOnFrameworks = noClasses()
            .that().resideInAPackage("dev.lifeline.events")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta..", "org.hibernate..", "org.apache.kafka..", "io.smallrye..");

    @ArchTest
    static final ArchRule noServiceCodeInTheSharedModule = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity..", "dev.lifeline.emailverification..", "dev.lifeline.kyc..",
                    "dev.lifeline.notification..");
}
