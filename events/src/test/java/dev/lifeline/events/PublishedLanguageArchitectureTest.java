package dev.lifeline.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The published language is plain records and JSON: an audit consumer or the gateway can read events with
 * nothing but Jackson, and no business rule or framework concern leaks into it.
 */
@AnalyzeClasses(packages = "dev.lifeline.events", importOptions = ImportOption.DoNotIncludeTests.class)
class PublishedLanguageArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnJacksonAlone = classes()
            .that().resideInAPackage("dev.lifeline.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "com.fasterxml.jackson..", "dev.lifeline.events..")
            .because("an audit consumer builds against the contract with Jackson alone; the plumbing that publishes"
                    + " the events is lifeline-messaging");

    @ArchTest
    static final ArchRule eventsDoNotDependOnFrameworks = noClasses()
            .that().resideInAPackage("dev.lifeline.events")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta..", "org.hibernate..", "org.apache.kafka..", "io.smallrye..");
}
